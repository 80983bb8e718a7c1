// Who hears of an emergency, and who may speak for whom, by this instance's own decision records: the
// members of the networks shared with the subject, and those networks' charters (`onBehalf`), which the
// domain reads with this provider's agreements (see docs/mutual-aid.md).
import { type OnBehalf, onBehalfRule } from "../../domain/networks/charter.ts";
import { charterOf, isCurrentMember, membersOf, networksOfSelf } from "../networks/membership.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";

/** The networks this provider is a current member of where every actor given is a current member too. */
async function sharedNetworks(rt: NetworksRuntime, actors: readonly string[]): Promise<string[]> {
  const shared: string[] = [];
  for (const network of await networksOfSelf(rt)) {
    let all = true;
    for (const actor of actors) if (!(await isCurrentMember(rt, network, actor))) all = false;
    if (all) shared.push(network);
  }
  return shared;
}

/**
 * The members to tell of an emergency of `subject`: every current member of every network shared with
 * it. Null when this provider speaks for someone it shares no network with.
 */
export async function emergencyAudience(rt: NetworksRuntime, subject: string): Promise<string[] | null> {
  const self = await rt.self();
  if (!self) return null;
  const own = subject === self.actor;
  const networks = await sharedNetworks(rt, own ? [] : [subject]);
  if (!own && networks.length === 0) return null;
  const members = new Set<string>();
  for (const network of networks) for (const m of await membersOf(rt, network)) members.add(m);
  members.delete(self.actor);
  return [...members];
}

/** Whether `sender` and `subject` are current members of a network this provider is a current member of. */
export async function fellowsInNetwork(rt: NetworksRuntime, sender: string, subject: string): Promise<boolean> {
  return (await sharedNetworks(rt, [sender, subject])).length > 0;
}

/** The `onBehalf` rule of each network this provider shares with `subject`. */
export async function onBehalfRules(rt: NetworksRuntime, subject: string): Promise<OnBehalf[]> {
  const rules: OnBehalf[] = [];
  for (const network of await sharedNetworks(rt, [subject])) {
    const charter = await charterOf(rt, network);
    if (charter) rules.push(onBehalfRule(charter));
  }
  return rules;
}
