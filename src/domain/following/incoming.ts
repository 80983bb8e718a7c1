// What the accounts this instance follows tell it: their posts, kept for the operators to read.
import type { Db } from "../../db/client.ts";
import { findFollowed, upsertFeedItem } from "./following.ts";

export type FeedPost = {
  readonly remoteId: string;
  readonly actorUri: string;
  readonly html: string;
  readonly url: string | null;
  readonly language: string | null;
  readonly publishedAt: Date;
  readonly updatedAt: Date | null;
};

/**
 * Keeps a post (or its edit) if its author is an account we follow and that accepted our follow;
 * anyone else's posts are not kept. Returns whether it was kept.
 */
export async function keepFeedPost(db: Db, post: FeedPost): Promise<boolean> {
  const followed = await findFollowed(db, post.actorUri);
  if (followed?.state !== "accepted") return false;
  await upsertFeedItem(db, post);
  return true;
}
