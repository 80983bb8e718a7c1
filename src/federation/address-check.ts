// The domain's address check (domain/actors/addresses.ts), answered with Fedify's rule for public
// addresses and the origins the instance's policy lets it reach on private ones (ALLOW_PRIVATE_ORIGINS).
import type { Config } from "../config.ts";
import type { AddressCheck } from "../domain/actors/addresses.ts";
import { isPublicAddress } from "./public-address.ts";
import { currentAddressPolicy } from "./trust/outbound.ts";

export const addressCheck = (config: Pick<Config, "allowPrivateAddress">): AddressCheck => ({
  allowPrivateAddress: config.allowPrivateAddress,
  isPublic: async (url) => !!currentAddressPolicy()?.allowedOrigins.has(new URL(url).origin) || isPublicAddress(url),
});
