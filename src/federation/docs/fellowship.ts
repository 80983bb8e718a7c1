// Who may send this instance a document, by the networks' records: the domain's Fellowship port.
import type { Fellowship } from "../../domain/docs/incoming.ts";
import { fellowMembers, isCurrentMember } from "../networks/membership.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { isGroupMember } from "./group-members.ts";

export function fellowshipOf(rt: NetworksRuntime): Fellowship {
  return {
    async fellow(actor) {
      return (await fellowMembers(rt)).includes(actor);
    },
    async memberOf(network, actor) {
      const self = await rt.self();
      return (
        self !== undefined &&
        (await isCurrentMember(rt, network, actor)) &&
        (await isCurrentMember(rt, network, self.actor))
      );
    },
  };
}

/** Whether an actor may read a document of this audience held here (an offered change must come from a reader). */
export async function readerOf(
  rt: NetworksRuntime,
  doc: { readonly audience: string; readonly network: string | null; readonly group: string | null },
  actor: string,
): Promise<boolean> {
  if (doc.audience === "public") return true;
  if (doc.audience === "group") return doc.group !== null && isGroupMember(rt, doc.group, actor);
  return doc.audience === "network" && doc.network !== null && isCurrentMember(rt, doc.network, actor);
}
