// Who is in a network, by this instance's own record: the one answer every audience ("the network",
// "members only") is computed from, so that a suspension or an expulsion revokes access everywhere at once.
import type { Charter } from "../../domain/networks/charter.ts";
import { listNetworks } from "../../domain/networks/networks.repository.ts";
import type { NetworkRecord } from "../../domain/networks/record-model.ts";
import type { NetworksRuntime } from "./runtime.ts";

/** The network's record as of now, or undefined while its founding is not held. */
async function recordOf(rt: NetworksRuntime, network: string): Promise<NetworkRecord | undefined> {
  const held = await rt.store.replica(network);
  return held?.replica.record(Date.now(), rt.services.config.networkSettleMs);
}

/** The current members (not suspended, expelled or gone) of a network, by id or key. */
export async function membersOf(rt: NetworksRuntime, network: string): Promise<string[]> {
  const record = await recordOf(rt, network);
  if (!record) return [];
  return [...record.members.values()].filter((m) => m.status === "member").map((m) => m.actor);
}

/** The network's charter in force now, or undefined while its founding is not held. */
export async function charterOf(rt: NetworksRuntime, network: string): Promise<Charter | undefined> {
  return (await recordOf(rt, network))?.charter;
}

/** Whether an actor is a current member of a network. */
export async function isCurrentMember(rt: NetworksRuntime, network: string, actor: string): Promise<boolean> {
  const record = await recordOf(rt, network);
  return record?.members.get(actor)?.status === "member";
}

/** The networks (ids) this instance's provider is a current member of. */
export async function networksOfSelf(rt: NetworksRuntime): Promise<string[]> {
  const self = await rt.self();
  if (!self) return [];
  const ids: string[] = [];
  for (const row of await listNetworks(rt.services.database.db))
    if (await isCurrentMember(rt, row.id, self.actor)) ids.push(row.id);
  return ids;
}

/** The current members of every network this instance's provider is in (itself excluded). */
export async function fellowMembers(rt: NetworksRuntime): Promise<string[]> {
  const self = await rt.self();
  const all = new Set<string>();
  for (const network of await networksOfSelf(rt)) for (const m of await membersOf(rt, network)) all.add(m);
  if (self) all.delete(self.actor);
  return [...all];
}
