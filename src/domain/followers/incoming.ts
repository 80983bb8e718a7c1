// What other servers tell the followers area: someone follows one of our actors, or stops.
import type { Db } from "../../db/client.ts";
import { type AddressCheck, canDeliverTo } from "../actors/addresses.ts";
import { findLocalActor, type LocalActor } from "../actors/local-actors.ts";
import { recordEvent } from "../events.ts";
import { addFollower, type NewFollower, removeFollower } from "./followers.ts";

export type FollowRequest = {
  /** The local actor asked to be followed. */
  readonly identifier: string;
  readonly followId: string;
  readonly follower: Omit<NewFollower, "followId">;
};

export type FollowOutcome =
  /** Stored, and an Accept recorded for the outbox. */
  | "accepted"
  /** The follow names no local actor, or one that cannot be followed. */
  | "unknown-actor"
  /** The follower's inbox is on a private address: nothing is stored, nothing sent. */
  | "refused-private-address";

/** Which kinds of local actor accept their followers at once, without an operator's approval. */
// A group's follows are decided in the groups area (domain/groups/incoming.ts), never here.
const ACCEPTS_AT_ONCE: Readonly<Record<LocalActor["kind"], boolean>> = { provider: true, group: false };

/**
 * A remote account follows a local actor. The provider is public: anyone may follow it, and the
 * follow is accepted at once, unless its inbox cannot be delivered to (a private address). The
 * follower and the Accept to send are written in one transaction.
 */
export async function receiveFollow(db: Db, request: FollowRequest, addresses: AddressCheck): Promise<FollowOutcome> {
  const local = await findLocalActor(db, request.identifier);
  if (!local || !ACCEPTS_AT_ONCE[local.kind]) return "unknown-actor";
  const { follower } = request;
  if (!(await canDeliverTo(addresses, [follower.inbox, follower.sharedInbox]))) return "refused-private-address";
  await db.transaction(async (tx) => {
    await addFollower(tx, { ...follower, followId: request.followId });
    await recordEvent(tx, {
      commonhost: "follower.accepted",
      identifier: local.identifier,
      actorUri: follower.actorUri,
      followId: request.followId,
    });
  });
  return "accepted";
}

/** A follower undoes its Follow: it no longer follows (whatever Follow id it names, see removeFollower). */
export async function receiveUnfollow(db: Db, actorUri: string, followId: string): Promise<boolean> {
  return removeFollower(db, actorUri, followId);
}
