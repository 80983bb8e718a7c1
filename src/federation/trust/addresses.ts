// Which addresses the instance may connect to. Public addresses always; private, loopback and
// link-local ones only with ALLOW_PRIVATE_ADDRESS, or for the origins ALLOW_PRIVATE_ORIGINS names
// (a peer on a private network, or a test's own servers on loopback: with that list a test can
// prove that a redirect to another loopback port is refused).
import { isIP } from "node:net";
import { isValidPublicIPv4Address, isValidPublicIPv6Address, validatePublicUrl } from "@fedify/vocab-runtime";
import type { Config } from "../../config.ts";

export type AddressPolicy = { readonly allowPrivate: boolean; readonly allowedOrigins: ReadonlySet<string> };

export function addressPolicyOf(config: Pick<Config, "allowPrivateAddress" | "allowPrivateOrigins">): AddressPolicy {
  return { allowPrivate: config.allowPrivateAddress, allowedOrigins: new Set(config.allowPrivateOrigins) };
}

export function isPublicIp(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return isValidPublicIPv4Address(address);
  if (family === 6) return isValidPublicIPv6Address(address);
  return false;
}

/** Whether the policy lets the instance reach `url` without looking at its addresses. */
export function mayReachAnyAddress(policy: AddressPolicy, url: URL): boolean {
  return policy.allowPrivate || policy.allowedOrigins.has(url.origin);
}

/** Throws when `url` is on an address the policy refuses (its host resolved now; see outbound.ts for connect time). */
export async function checkUrl(policy: AddressPolicy, url: URL): Promise<void> {
  if (mayReachAnyAddress(policy, url)) return;
  await validatePublicUrl(url.href);
}
