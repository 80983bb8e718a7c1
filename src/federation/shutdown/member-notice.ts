// A closing notice told to the networks' members, not only to followers: an `Update` of the closing
// provider's actor naming its `closing` (or `null` once withdrawn). A member that receives one from a
// current fellow member does not take the payload's word: it fetches the actor document again (through
// the directory's fetch rules) and keeps what it says, which its network pages show.
import { NAMESPACE } from "../vocab/context.ts";
import { refreshReplica } from "../directory/replication.ts";
import type { InboxAnswer } from "../networks/inbox-answer.ts";
import { refusedWith } from "../networks/inbox-answer.ts";
import { fellowMembers } from "../networks/membership.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";

type Json = Record<string, unknown>;

const CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  { ch: NAMESPACE, closing: { "@id": `${NAMESPACE}closing`, "@type": "@json" } },
] as const;

/** The notice as it travels: `closing` is `{ effective, successor }` while it stands, else null. */
export function memberNoticeActivity(
  id: string,
  actor: string,
  to: string,
  closing: { effective: string; successor: string } | null,
): Json {
  return { "@context": CONTEXT, id, type: "Update", actor, to: [to], object: { id: actor, closing } };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The answer to a member's closing notice, or undefined when the activity is not one. */
export async function handleMemberNotice(rt: NetworksRuntime, json: Json): Promise<InboxAnswer | undefined> {
  const object = json.object;
  if (json.type !== "Update" || !isObject(object) || !("closing" in object)) return undefined;
  const sender = json.actor;
  if (typeof sender !== "string" || object.id !== sender) return refusedWith(422, "A closing notice names its sender.");
  if (!(await fellowMembers(rt)).includes(sender))
    return refusedWith(403, "The sender is not a current member of a network this provider is in.");
  const outcome = await refreshReplica(rt.services, sender, { depth: 1, conditional: false });
  rt.services.logger
    .child({ module: "shutdown" })
    .info({ from: sender, status: outcome.status }, "closing notice of a network member");
  // A fetch that failed now may work later: the error makes the inbox answer 503, and the sender retries.
  if (outcome.status === "failed") throw new Error(`the actor document of ${sender} could not be fetched`);
  return outcome.status === "ok" ? { status: 202 } : refusedWith(422, "The sender's actor document cannot be read.");
}
