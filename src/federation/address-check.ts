// The domain's address check (domain/actors/addresses.ts), answered with Fedify's rule for public addresses.
import type { AddressCheck } from "../domain/actors/addresses.ts";
import type { Config } from "../config.ts";
import { isPublicAddress } from "./public-address.ts";

export const addressCheck = (config: Pick<Config, "allowPrivateAddress">): AddressCheck => ({
  allowPrivateAddress: config.allowPrivateAddress,
  isPublic: (url) => isPublicAddress(url),
});
