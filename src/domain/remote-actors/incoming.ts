// What a remote actor says about itself: it moved or renamed (Update), or it is gone (Delete). Its
// traces are kept in several areas (followers, following, the directory, interactions), each kept
// current here, in one transaction.
import type { Db } from "../../db/client.ts";
import { removeInteractionsByActor } from "../announcements/interactions.ts";
import { findReplica, removeReplica } from "../directory/replica.repository.ts";
import { markAuthorGone } from "../docs/library.ts";
import { recordEvent } from "../events.ts";
import { refreshFollower, removeFollower } from "../followers/followers.ts";
import { findFollowed, refreshFollowed } from "../following/following.ts";

export type ActorChanges = {
  readonly actorUri: string;
  readonly inbox: string;
  readonly sharedInbox: string | null;
  readonly handle: string | null;
  readonly name: string | null;
  readonly url: string | null;
};

/**
 * An actor's new name, handle or inboxes are kept wherever we know it. An Update does not carry our
 * profile terms, so a provider we replicate (or a peer we follow and that accepted) is fetched again
 * from the queue, not while the sender waits for our answer: the event is written with the change.
 * Returns whether a new fetch was asked for.
 */
export async function receiveActorUpdate(db: Db, changes: ActorChanges): Promise<{ refetch: boolean }> {
  const { actorUri, url, ...fields } = changes;
  return db.transaction(async (tx) => {
    await refreshFollower(tx, actorUri, { ...fields, url });
    await refreshFollowed(tx, actorUri, fields);
    const replica = await findReplica(tx, actorUri);
    const followed = replica ? undefined : await findFollowed(tx, actorUri);
    if (!replica && followed?.state !== "accepted") return { refetch: false };
    await recordEvent(tx, { commonhost: "replica.changed", actorUri, depth: replica?.depth ?? 1 });
    return { refetch: true };
  });
}

/**
 * An account deleted everywhere: it no longer follows us, what it said about our announcements
 * goes, and it leaves the directory (a provider that learned of it through a peer too).
 */
export async function receiveActorDeletion(db: Db, actorUri: string): Promise<void> {
  await db.transaction(async (tx) => {
    await removeFollower(tx, actorUri);
    await removeInteractionsByActor(tx, actorUri);
    await removeReplica(tx, actorUri);
    // Its documents stay readable here, marked gone.
    await markAuthorGone(tx, actorUri);
  });
}
