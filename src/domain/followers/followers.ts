// Who follows the provider. Follows are accepted automatically; an Undo or a Delete removes them.
import { and, count, desc, eq, getTableColumns, gt, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { followers } from "../../db/schema/index.ts";
import { exactTime, olderThan, toPage, type Cursor, type Page } from "../pagination.ts";

export type Follower = typeof followers.$inferSelect;
export type NewFollower = {
  actorUri: string;
  followId: string | null;
  inbox: string;
  sharedInbox: string | null;
  handle: string | null;
  name: string | null;
  url: string | null;
};

/** Adds a follower, or refreshes one that follows again (a new Follow id, a moved inbox). */
export async function addFollower(db: Db, follower: NewFollower): Promise<void> {
  const { actorUri, ...rest } = follower;
  await db.insert(followers).values(follower).onConflictDoUpdate({ target: followers.actorUri, set: rest });
}

/** Removes a follower; with a Follow id, only if it is that follow that is undone. */
export async function removeFollower(db: Db, actorUri: string, followId?: string): Promise<boolean> {
  const where = followId
    ? and(eq(followers.actorUri, actorUri), eq(followers.followId, followId))
    : eq(followers.actorUri, actorUri);
  const removed = await db.delete(followers).where(where).returning({ id: followers.id });
  if (removed.length === 0 && followId) {
    // Some servers undo with a Follow id we never saw (they re-sent the Follow): drop by actor.
    return (
      (await db.delete(followers).where(eq(followers.actorUri, actorUri)).returning({ id: followers.id })).length > 0
    );
  }
  return removed.length > 0;
}

/**
 * Removes every follower whose inbox is gone for good (the peer answered 404 or 410). Fan-out
 * prefers shared inboxes, so the gone inbox may be a server's shared inbox: its followers go too.
 */
export async function removeFollowersByInbox(db: Db, inbox: string): Promise<number> {
  const removed = await db
    .delete(followers)
    .where(or(eq(followers.inbox, inbox), eq(followers.sharedInbox, inbox)))
    .returning({ id: followers.id });
  return removed.length;
}

export async function countFollowers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(followers);
  return Number(row?.n ?? 0);
}

/** Followers, newest first, keyset-paginated on creation time. */
export async function listFollowers(db: Db, options: { limit: number; before?: Date }): Promise<Follower[]> {
  return db
    .select()
    .from(followers)
    .where(options.before ? lt(followers.createdAt, options.before) : undefined)
    .orderBy(desc(followers.createdAt))
    .limit(options.limit);
}

/** Every follower's delivery addresses, for fan-out. */
export async function listFollowerInboxes(
  db: Db,
): Promise<{ actorUri: string; inbox: string; sharedInbox: string | null }[]> {
  return db
    .select({ actorUri: followers.actorUri, inbox: followers.inbox, sharedInbox: followers.sharedInbox })
    .from(followers);
}

/** Keeps a follower's name and delivery addresses current; does nothing for someone who does not follow. */
export async function refreshFollower(
  db: Db,
  actorUri: string,
  fields: Omit<NewFollower, "actorUri" | "followId">,
): Promise<void> {
  await db.update(followers).set(fields).where(eq(followers.actorUri, actorUri));
}

/** One page of followers, newest first, with an exact cursor for the next page. */
export async function pageFollowers(db: Db, options: { limit: number; before?: Cursor }): Promise<Page<Follower>> {
  const rows = await db
    .select({ ...getTableColumns(followers), cursorAt: exactTime(followers.createdAt) })
    .from(followers)
    .where(options.before ? olderThan(followers.createdAt, followers.id, options.before) : undefined)
    .orderBy(desc(followers.createdAt), desc(followers.id))
    .limit(options.limit + 1);
  return toPage(rows, options.limit);
}

/**
 * One page of delivery addresses, in actor URI order (followers on one server come together, so
 * their shared inbox is mostly reached once), after the given actor URI.
 */
export async function listFollowerInboxesPage(
  db: Db,
  options: { limit: number; after?: string },
): Promise<{ actorUri: string; inbox: string; sharedInbox: string | null }[]> {
  return db
    .select({ actorUri: followers.actorUri, inbox: followers.inbox, sharedInbox: followers.sharedInbox })
    .from(followers)
    .where(options.after === undefined ? undefined : gt(followers.actorUri, options.after))
    .orderBy(followers.actorUri)
    .limit(options.limit);
}

export async function findFollower(db: Db, actorUri: string): Promise<Follower | undefined> {
  const [row] = await db.select().from(followers).where(eq(followers.actorUri, actorUri));
  return row;
}
