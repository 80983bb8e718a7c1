// A network document that arrives, pushed to the inbox or fetched by anti-entropy: checked (well
// formed, of a network held here, its proof made with its author's own key) and stored with the time it
// arrived. A pushed document must also be one its author may make now, by this instance's record and
// clock: a ballot from a non-member or a suspended member, or on a motion already closed here, is
// refused. A fetched one is history a peer holds: the fold decides what it counts for.
import type { Genesis, NetworkObject } from "../../domain/networks/objects.ts";
import { authorOf, idOf } from "../../domain/networks/objects.ts";
import { findNetwork, updateNetwork } from "../../domain/networks/networks.repository.ts";
import type { NetworkRecord } from "../../domain/networks/record.ts";
import { type HeldReplica, storeObject } from "../../domain/networks/store.ts";
import { objectOf } from "./documents.ts";
import { verifyDocument } from "./proof.ts";
import type { NetworksRuntime } from "./runtime.ts";

export type Receipt =
  | { readonly ok: true; readonly stored: "added" | "duplicate"; readonly object: NetworkObject }
  | { readonly ok: false; readonly status: 403 | 404 | 422; readonly code: string; readonly reason: string };

const refused = (status: 403 | 404 | 422, reason: string): Receipt => ({
  ok: false,
  status,
  code: status === 403 ? "forbidden" : status === 404 ? "not_found" : "invalid",
  reason,
});

/** Checks and stores one document. `pushed`: delivered to the inbox (the stricter rules apply). */
export async function receiveDocument(rt: NetworksRuntime, document: unknown, pushed: boolean): Promise<Receipt> {
  const object = objectOf(document);
  if (!object) return refused(422, "The document is not a well-formed network document.");
  if (object.type === "Genesis") return receiveFounding(rt, object, document);
  const held = await rt.store.replica(object.network);
  if (!held) return refused(404, "This instance holds no such network.");
  if (held.replica.has(idOf(object))) return { ok: true, stored: "duplicate", object };
  const verified = await verifyDocument(document, rt.loaders(), rt.keyCache());
  if (!verified.ok) return refused(403, `The document is not proven to come from its author: ${verified.why}.`);
  const now = Date.now();
  if (pushed) {
    const about = await applying(rt, held, object);
    if (about === "later") return refused(404, "This instance does not hold the motion yet.");
    const why = about ? undefined : refusal(held.replica.record(now, rt.services.config.networkSettleMs), object, now);
    if (why) return why;
  }
  const added = await rt.services.database.db.transaction((tx) =>
    storeObject(tx, object.network, object, verified.document, now),
  );
  return { ok: true, stored: added ? "added" : "duplicate", object };
}

/**
 * Whether this instance is the applicant an object is about: its admission motion, or a ballot or closing
 * on it. An applicant holds only the founding and its own admission, not the history that says who the
 * members are, so it keeps what its proof vouches for; its closing (it witnesses its admission) still
 * lists only what arrived before the close, and the fold decides what counts once it holds the record.
 */
async function applying(
  rt: NetworksRuntime,
  held: HeldReplica,
  object: Exclude<NetworkObject, Genesis>,
): Promise<boolean | "later"> {
  const self = await rt.self();
  const row = await findNetwork(rt.services.database.db, object.network);
  if (!self || row?.status !== "applicant") return false;
  if (object.type === "Leave") return false;
  const motion = object.type === "Motion" ? object : held.replica.motions().find((m) => m.id === object.motion)?.object;
  // A ballot or closing that came before its motion: the sender tries again.
  if (!motion) return "later";
  return motion.kind === "admission" && motion.subject === self.actor;
}

/** Why a pushed object may not be made now by its author, if it may not. */
function refusal(record: NetworkRecord, object: Exclude<NetworkObject, Genesis>, now: number): Receipt | undefined {
  const author = authorOf(object);
  const status = record.members.get(author)?.status;
  switch (object.type) {
    case "Motion":
      return status === "member" ? undefined : refused(403, "Its author is not a current member.");
    case "Leave":
      return status === "member" || status === "suspended"
        ? undefined
        : refused(403, "Its author is not a member of the network.");
    case "Ballot": {
      if (status === "suspended") return refused(403, "Its author is suspended.");
      if (status !== "member") return refused(403, "Its author is not a current member.");
      const motion = record.motions.get(object.motion);
      if (!motion) return refused(404, "This instance does not hold the motion it is cast on.");
      if (motion.status !== "open" || now >= motion.closesAt)
        return refused(422, "The motion it is cast on is closed by this instance's clock.");
      return undefined;
    }
    case "Closing": {
      const motion = record.motions.get(object.motion);
      if (!motion) return refused(404, "This instance does not hold the motion it closes.");
      return status === "member" || motion.motion.subject === author
        ? undefined
        : refused(403, "Its author is neither a current member nor the motion's subject.");
    }
  }
}

/** A network's founding, received by an applicant from the member it applied through (or a peer). */
async function receiveFounding(rt: NetworksRuntime, genesis: Genesis, document: unknown): Promise<Receipt> {
  const { db } = rt.services.database;
  const row = await findNetwork(db, genesis.network);
  if (!row || row.id !== genesis.network) return refused(404, "This instance holds no such network.");
  if (new URL(genesis.founder).origin !== new URL(genesis.network).origin)
    return refused(422, "The network's id is not on its founder's origin.");
  if (row.founding) {
    const held = objectOf(row.founding);
    return held && idOf(held) === idOf(genesis)
      ? { ok: true, stored: "duplicate", object: genesis }
      : refused(422, "This instance holds another founding of this network.");
  }
  const verified = await verifyDocument(document, rt.loaders(), rt.keyCache());
  if (!verified.ok) return refused(403, `The founding is not proven to come from its founder: ${verified.why}.`);
  await updateNetwork(db, row.id, { founding: verified.document, name: genesis.name });
  return { ok: true, stored: "added", object: genesis };
}
