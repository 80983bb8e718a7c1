// A port: whether a URL's host resolves only to public addresses. The federation side answers it
// (with DNS); the domain decides what to do with the answer.
export type AddressCheck = {
  /** Private and loopback addresses are acceptable (a test network, a closed deployment). */
  readonly allowPrivateAddress: boolean;
  isPublic(url: string): Promise<boolean>;
};

/**
 * Whether activities may be delivered to these inboxes: there must be at least one, and every one
 * must be on a public address, unless private addresses are allowed. An actor on the public
 * network could name a loopback or cloud metadata address as its inbox; we never post there.
 */
export async function canDeliverTo(
  check: AddressCheck,
  inboxes: readonly (string | null | undefined)[],
): Promise<boolean> {
  const list = inboxes.filter((u): u is string => !!u);
  if (list.length === 0) return false;
  if (check.allowPrivateAddress) return true;
  const verdicts = await Promise.all(list.map((u) => check.isPublic(u)));
  return verdicts.every(Boolean);
}
