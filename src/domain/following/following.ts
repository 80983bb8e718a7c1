// The accounts the provider follows, and what they post. A follow is requested here and sent by
// the outbox; the peer's Accept or Reject settles it.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { feedItems, following } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import { sanitizeRemoteHtml } from "../markdown.ts";

export type Followed = typeof following.$inferSelect;
export type FeedItem = typeof feedItems.$inferSelect;
export type FollowTarget = {
  actorUri: string;
  inbox: string;
  sharedInbox: string | null;
  handle: string | null;
  name: string | null;
  /** The actor's ActivityStreams type, when it was read (a Group is a working group one may join). */
  kind?: string | null;
};

/** Records a follow request (or returns the existing one) and queues the Follow activity. */
export async function requestFollow(db: Db, target: FollowTarget, followId: string): Promise<Followed> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(following).where(eq(following.actorUri, target.actorUri));
    if (existing && existing.state !== "rejected") {
      // A row from before kinds were kept learns its actor's kind when the account is followed again.
      if (!target.kind || existing.kind === target.kind) return existing;
      const [known] = await tx
        .update(following)
        .set({ kind: target.kind })
        .where(eq(following.id, existing.id))
        .returning();
      return known!;
    }
    const [row] = await tx
      .insert(following)
      .values({ ...target, followId, state: "pending" })
      .onConflictDoUpdate({
        target: following.actorUri,
        set: { ...target, followId, state: "pending", acceptedAt: null },
      })
      .returning();
    await recordEvent(tx, { commonhost: "follow.requested", actorUri: target.actorUri });
    return row!;
  });
}

/** Stops following: the row goes, and an Undo(Follow) is queued for the peer. */
export async function unfollow(db: Db, actorUri: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(following).where(eq(following.actorUri, actorUri)).returning();
    if (!row) return false;
    await recordEvent(tx, { commonhost: "follow.undone", actorUri, followId: row.followId, inbox: row.inbox });
    return true;
  });
}

/** Settles our follow when the peer answers; only an answer to our own Follow id counts. */
export async function settleFollow(db: Db, actorUri: string, followId: string, accepted: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(following)
      .set(accepted ? { state: "accepted", acceptedAt: new Date() } : { state: "rejected", acceptedAt: null })
      .where(and(eq(following.actorUri, actorUri), eq(following.followId, followId)))
      .returning({ id: following.id });
    if (rows.length === 0) return false;
    // The accepted account is then replicated (profile, and the providers it follows) from the queue.
    if (accepted) await recordEvent(tx, { commonhost: "follow.accepted", actorUri });
    return true;
  });
}

export async function findFollowed(db: Db, actorUri: string): Promise<Followed | undefined> {
  const [row] = await db.select().from(following).where(eq(following.actorUri, actorUri));
  return row;
}

export async function listFollowing(db: Db): Promise<Followed[]> {
  return db.select().from(following).orderBy(desc(following.createdAt));
}

/**
 * The working groups on other instances this provider joined (its follow accepted) or asked to join
 * (pending): followed actors that are Groups. `acceptedOnly` keeps the groups it is in.
 */
export async function listJoinedGroups(db: Db, options: { acceptedOnly?: boolean } = {}): Promise<Followed[]> {
  const states: Followed["state"][] = options.acceptedOnly ? ["accepted"] : ["pending", "accepted"];
  return db
    .select()
    .from(following)
    .where(and(eq(following.kind, "Group"), inArray(following.state, states)))
    .orderBy(asc(following.name), asc(following.actorUri));
}

/** Keeps a post from a followed account; a repeat delivery changes nothing, an edit updates it. */
export async function upsertFeedItem(
  db: Db,
  item: {
    remoteId: string;
    actorUri: string;
    html: string;
    url: string | null;
    language: string | null;
    publishedAt: Date;
    updatedAt: Date | null;
  },
): Promise<void> {
  const html = sanitizeRemoteHtml(item.html).slice(0, 100_000);
  await db
    .insert(feedItems)
    .values({ ...item, html })
    .onConflictDoUpdate({
      target: feedItems.remoteId,
      set: { html, updatedAt: item.updatedAt ?? new Date(), language: item.language },
      // Only the author may edit, and never with an older version.
      setWhere: eq(feedItems.actorUri, item.actorUri),
    });
}

export async function removeFeedItem(db: Db, remoteId: string, actorUri: string): Promise<void> {
  await db.delete(feedItems).where(and(eq(feedItems.remoteId, remoteId), eq(feedItems.actorUri, actorUri)));
}

export async function listFeed(db: Db, options: { limit: number; actorUri?: string }): Promise<FeedItem[]> {
  return db
    .select()
    .from(feedItems)
    .where(options.actorUri ? eq(feedItems.actorUri, options.actorUri) : undefined)
    .orderBy(desc(feedItems.publishedAt))
    .limit(options.limit);
}

/** Keeps a followed account's name and addresses current from its Update. */
export async function refreshFollowed(db: Db, actorUri: string, fields: Omit<FollowTarget, "actorUri">): Promise<void> {
  await db.update(following).set(fields).where(eq(following.actorUri, actorUri));
}
