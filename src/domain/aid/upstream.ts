// A failover or backup partner on the same upstream is no failover: if both providers sit in the same
// datacenter, behind the same autonomous system or the same upstream provider (as their profiles say),
// one outage takes both down. Such an agreement is still allowed; it carries what is shared so that
// both operators see it, and the one proposing it is warned.
import type { Profile } from "../profile/profile.schema.ts";
import type { Resource } from "./proposals.ts";

export type Upstream = Profile["place"]["upstream"];
export type SharedUpstream = "datacenter" | "asn" | "provider";

/** The kinds of help that are worth nothing if both sides fail together. */
const REDUNDANCY: ReadonlySet<Resource> = new Set<Resource>(["failover", "backup-space"]);

/** The port that gives an actor's upstream as its profile states it (undefined when unknown). */
export type UpstreamOf = (actor: string) => Promise<Upstream | undefined>;

const sameText = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && a.trim() !== "" && a.trim().toLowerCase() === b.trim().toLowerCase();

/** What two upstreams have in common, in a fixed order; nothing when either is unknown. */
export function sharedUpstream(a: Upstream | undefined, b: Upstream | undefined): SharedUpstream[] {
  if (!a || !b) return [];
  const shared: SharedUpstream[] = [];
  if (sameText(a.datacenter, b.datacenter)) shared.push("datacenter");
  if (a.asn !== undefined && a.asn === b.asn) shared.push("asn");
  if (sameText(a.provider, b.provider)) shared.push("provider");
  return shared;
}

/** What the two parties of an agreement on `resource` share upstream, for failover and backup space only. */
export async function sharedUpstreamOf(
  resource: Resource,
  parties: readonly [string, string],
  upstreamOf: UpstreamOf,
): Promise<SharedUpstream[]> {
  if (!REDUNDANCY.has(resource)) return [];
  const [a, b] = await Promise.all(parties.map(upstreamOf));
  return sharedUpstream(a, b);
}
