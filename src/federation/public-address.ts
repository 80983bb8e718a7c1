// Fedify refuses to *fetch* private and loopback addresses unless allowPrivateAddress is set, but
// it posts to whatever inbox an actor document names. A public actor could name
// http://127.0.0.1:5432/ or a cloud metadata address as its inbox, so every recipient is checked
// here, with Fedify's own rule (validatePublicUrl: the host's addresses must all be public).
import { validatePublicUrl } from "@fedify/vocab-runtime";
import { currentAddressPolicy } from "./trust/outbound.ts";

export async function isPublicAddress(url: URL | string): Promise<boolean> {
  try {
    await validatePublicUrl(typeof url === "string" ? url : url.href);
    return true;
  } catch {
    return false;
  }
}

/**
 * The recipients whose every inbox is on a public address (all of them when private addresses are
 * allowed). Each host is resolved once per call, so a fan-out to many followers on one server
 * costs one lookup.
 */
export async function deliverableRecipients<T>(
  allowPrivateAddress: boolean,
  recipients: readonly T[],
  inboxesOf: (recipient: T) => readonly (URL | null | undefined)[],
): Promise<T[]> {
  if (allowPrivateAddress) return [...recipients];
  // Origins the instance's policy lets it reach on private addresses (ALLOW_PRIVATE_ORIGINS).
  const allowed = currentAddressPolicy()?.allowedOrigins ?? new Set<string>();
  const inboxes = recipients.map((r) => inboxesOf(r).filter((u): u is URL => u instanceof URL));
  // Each host once, and several at a time: a page of followers spans hundreds of servers.
  const origins = [...new Set(inboxes.flat().map((u) => u.origin))];
  const publicOrigins = new Set<string>();
  for (let i = 0; i < origins.length; i += RESOLVE_AT_ONCE) {
    const batch = origins.slice(i, i + RESOLVE_AT_ONCE);
    const verdicts = await Promise.all(batch.map((origin) => allowed.has(origin) || isPublicAddress(origin)));
    batch.forEach((origin, j) => {
      if (verdicts[j]) publicOrigins.add(origin);
    });
  }
  return recipients.filter((_, i) => inboxes[i]!.length > 0 && inboxes[i]!.every((u) => publicOrigins.has(u.origin)));
}

const RESOLVE_AT_ONCE = 16;
