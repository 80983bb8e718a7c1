// The feed: what the providers this instance follows announce, as the operators read it in the
// panel. Posts are kept (sanitised) by the inbox as they arrive; this reads them back.
import { desc, eq, getTableColumns } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { feedItems, following } from "../../db/schema/index.ts";
import { exactTime, olderThan, toPage, type Cursor, type Page } from "../pagination.ts";

export type FeedPost = typeof feedItems.$inferSelect & {
  /** Who posted it, as followed: its name and handle when known. */
  readonly authorName: string | null;
  readonly authorHandle: string | null;
};

/**
 * One page of the posts of the accounts this instance still follows, newest first, with an exact
 * cursor for the next page. A post of an account no longer followed is not shown.
 */
export async function pageFeed(db: Db, options: { limit: number; before?: Cursor }): Promise<Page<FeedPost>> {
  const rows = await db
    .select({
      ...getTableColumns(feedItems),
      authorName: following.name,
      authorHandle: following.handle,
      cursorAt: exactTime(feedItems.publishedAt),
    })
    .from(feedItems)
    .innerJoin(following, eq(following.actorUri, feedItems.actorUri))
    .where(options.before ? olderThan(feedItems.publishedAt, feedItems.id, options.before) : undefined)
    .orderBy(desc(feedItems.publishedAt), desc(feedItems.id))
    .limit(options.limit + 1);
  return toPage(rows, options.limit);
}
