// Network activities arriving at an inbox, once the inbox's trust checks have passed (size, depth, known
// contexts, the HTTP signature of the activity's actor): an `Add` of a network document, a `Leave` of a
// network held here, a `Join` (an application, at a member), and the `Accept` or `Reject` of this
// instance's own application. Anything else is not ours: Fedify handles it.
import { z } from "zod";
import { findNetwork, updateNetwork } from "../../domain/networks/networks.repository.ts";
import { receiveApplication } from "./admission.ts";
import { isNetworkDocumentType } from "./documents.ts";
import type { InboxAnswer } from "./inbox-answer.ts";
import { refusedWith } from "./inbox-answer.ts";
import { receiveDocument } from "./receive.ts";
import type { NetworksRuntime } from "./runtime.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The answer to a network activity, or undefined when the activity is not one. */
export async function handleNetworkActivity(rt: NetworksRuntime, json: Json): Promise<InboxAnswer | undefined> {
  const type = json.type;
  if (type === "Add" && isObject(json.object) && isNetworkDocumentType(json.object.type))
    return stored(await receiveDocument(rt, json.object, true));
  if ((type === "Leave" || type === "Join") && typeof json.object === "string") {
    const network = await findNetwork(rt.services.database.db, json.object);
    if (!network || network.id !== json.object) return undefined;
    if (type === "Leave") return stored(await receiveDocument(rt, json, true));
    return receiveApplication(rt, json);
  }
  if ((type === "Accept" || type === "Reject") && isObject(json.object) && json.object.type === "Join")
    return answerToApplication(rt, json, type === "Accept");
  return undefined;
}

const stored = (receipt: Awaited<ReturnType<typeof receiveDocument>>): InboxAnswer =>
  receipt.ok ? { status: 202 } : refusedWith(receipt.status, receipt.reason);

const answer = z.object({
  actor: z.string().max(2048),
  object: z.object({ actor: z.string().max(2048), object: z.string().max(2048) }),
});

/**
 * A member's word on this instance's application. An acceptance only makes it ask the member for the
 * record now (its own fold decides whether it is in); a rejection from the member it applied through,
 * or from a member by its record, marks the application rejected.
 */
async function answerToApplication(
  rt: NetworksRuntime,
  json: Json,
  accepted: boolean,
): Promise<InboxAnswer | undefined> {
  const parsed = answer.safeParse(json);
  const self = await rt.self();
  if (!parsed.success || !self || parsed.data.object.actor !== self.actor) return undefined;
  const { db } = rt.services.database;
  const row = await findNetwork(db, parsed.data.object.object);
  if (!row || row.id !== parsed.data.object.object) return undefined;
  if (row.status !== "applicant") return { status: 202 };
  if (accepted) {
    rt.syncSoon(row.id);
    return { status: 202 };
  }
  const held = await rt.store.replica(row.id);
  const record = held?.replica.record(Date.now(), rt.services.config.networkSettleMs);
  const sender = parsed.data.actor;
  if (sender !== row.via && record?.members.get(sender)?.status !== "member")
    return refusedWith(403, "Only a member of the network answers an application to it.");
  await updateNetwork(db, row.id, { status: "rejected" });
  return { status: 202 };
}
