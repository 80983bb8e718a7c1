// Who hears of an offer or request, and from whom one is accepted, by this instance's own decision
// records: the current members of the network it is published in, never anyone else.
import { findNetwork } from "../../domain/networks/networks.repository.ts";
import { isCurrentMember, membersOf } from "../networks/membership.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";

/** A network (by id or key) with its current members, or null unless this provider is a current member. */
export async function aidNetwork(
  rt: NetworksRuntime,
  idOrKey: string,
): Promise<{ id: string; members: string[] } | null> {
  const self = await rt.self();
  const row = await findNetwork(rt.services.database.db, idOrKey);
  if (!self || !row || !(await isCurrentMember(rt, row.id, self.actor))) return null;
  return { id: row.id, members: await membersOf(rt, row.id) };
}

/** The networks among `named` of which both `actor` and this provider are current members. */
export async function sharedNetworks(rt: NetworksRuntime, actor: string, named: readonly string[]): Promise<string[]> {
  const shared: string[] = [];
  for (const name of new Set(named)) {
    const network = await aidNetwork(rt, name);
    if (network?.members.includes(actor)) shared.push(network.id);
  }
  return shared;
}
