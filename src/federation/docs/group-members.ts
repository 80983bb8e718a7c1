// Who is in a working group, for the readers of its documents. The group's host knows (its followers
// with the `member` role); any other instance asks the host for the group's members collection
// (`{group}/members`), signed as its own provider, which the host answers to a member only.
import { z } from "zod";
import { groupMembers } from "../../domain/groups/groups.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { getSigned } from "../networks/signed-http.ts";

/** Where a group's host serves its members (a Commonhost group: its actor URI and `/members`). */
export const membersUrl = (group: string) => new URL(`${group.replace(/\/$/, "")}/members`);

const MAX_MEMBERS = 5000;
const membersSchema = z.object({
  type: z.literal("OrderedCollection"),
  orderedItems: z.array(z.url({ protocol: /^https?$/ }).max(2048)).max(MAX_MEMBERS),
});

/** The handle of a group hosted here, from its actor URI; undefined for any other URI. */
export async function localGroupHandle(rt: NetworksRuntime, group: string): Promise<string | undefined> {
  if (!URL.canParse(group) || new URL(group).origin !== new URL(rt.services.config.origin).origin) return undefined;
  const ctx = rt.federation.createContext(new URL(rt.services.config.origin), rt.services);
  const target = ctx.parseUri(new URL(group));
  if (target?.type !== "actor" || !(await rt.actors.isGroup(target.identifier))) return undefined;
  return target.identifier;
}

/** The members of a group, as its host says; none when the host does not answer (a reader is refused then). */
export async function membersOfGroup(rt: NetworksRuntime, group: string): Promise<string[]> {
  const local = await localGroupHandle(rt, group);
  if (local !== undefined) return (await groupMembers(rt.services.database.db, local)) ?? [];
  const self = await rt.self();
  if (!self || !URL.canParse(group)) return [];
  try {
    const parsed = membersSchema.safeParse(await getSigned(membersUrl(group), self.httpKey, { timeoutMs: 10_000 }));
    return parsed.success ? parsed.data.orderedItems : [];
  } catch (err) {
    rt.services.logger.info({ err, group }, "the members of a group could not be read from its host");
    return [];
  }
}

export const isGroupMember = async (rt: NetworksRuntime, group: string, actor: string) =>
  (await membersOfGroup(rt, group)).includes(actor);
