// What the fediverse says about our announcements: replies, mentions, likes and boosts, and their
// edits and withdrawals. A post by an account we follow also goes to the feed (following area).
import type { Db } from "../../db/client.ts";
import { findProviderActor } from "../actors/local-actors.ts";
import { type FeedPost, keepFeedPost } from "../following/incoming.ts";
import { removeFeedItem } from "../following/following.ts";
import { findLiveAnnouncement } from "./announcements.ts";
import {
  type InteractionKind,
  recordInteraction,
  recordReaction,
  removeInteraction,
  updateInteractionContent,
} from "./interactions.ts";

export type IncomingNote = FeedPost & {
  /** The id of our announcement the note replies to, when its reply target is one of ours. */
  readonly replyToAnnouncement: string | null;
  /** The local actors (by identifier) the note mentions. */
  readonly mentions: readonly string[];
};

/** How to name the author, asked only when the note is kept for the operators (it may cost a fetch). */
export type AuthorNames = () => Promise<{ handle: string | null; name: string | null }>;

export type NoteOutcome = { readonly inFeed: boolean; readonly interaction: "reply" | "mention" | null };

/**
 * A new post. It goes to the feed if we follow its author; it is kept for the operators if it
 * replies to one of our live announcements (a reply) or mentions the provider (a mention).
 */
export async function receiveNote(db: Db, note: IncomingNote, authorNames: AuthorNames): Promise<NoteOutcome> {
  const provider = await findProviderActor(db);
  if (!provider) return { inFeed: false, interaction: null };
  const inFeed = await keepFeedPost(db, note);
  const announcementId =
    note.replyToAnnouncement && (await findLiveAnnouncement(db, note.replyToAnnouncement))
      ? note.replyToAnnouncement
      : null;
  const mentioned = note.mentions.includes(provider.identifier);
  if (!announcementId && !mentioned) return { inFeed, interaction: null };
  const kind = announcementId ? "reply" : "mention";
  const author = await authorNames();
  await recordInteraction(db, {
    kind,
    remoteId: note.remoteId,
    actorUri: note.actorUri,
    actorHandle: author.handle,
    actorName: author.name,
    announcementId,
    html: note.html,
    url: note.url,
  });
  return { inFeed, interaction: kind };
}

/** An edited post: a reply or mention changes here too (only its author's edit counts), and so does the feed. */
export async function receiveNoteEdit(db: Db, post: FeedPost): Promise<void> {
  await updateInteractionContent(db, post.remoteId, post.actorUri, post.html);
  await keepFeedPost(db, post);
}

/** A deleted post disappears from the operators' list and from the feed (only its author may delete it). */
export async function receiveNoteDeletion(db: Db, remoteId: string, actorUri: string): Promise<void> {
  await db.transaction(async (tx) => {
    await removeInteraction(tx, remoteId, actorUri);
    await removeFeedItem(tx, remoteId, actorUri);
  });
}

export type Reaction = {
  readonly kind: Extract<InteractionKind, "like" | "boost">;
  readonly remoteId: string;
  readonly actorUri: string;
  readonly actorHandle: string | null;
  readonly actorName: string | null;
  readonly announcementId: string;
};

/** A like or a boost of one of our announcements, kept once, and only while the announcement is live. */
export function receiveReaction(db: Db, reaction: Reaction): Promise<boolean> {
  return recordReaction(db, reaction);
}

/** A like or a boost withdrawn by its author. */
export function withdrawReaction(db: Db, remoteId: string, actorUri: string): Promise<void> {
  return removeInteraction(db, remoteId, actorUri);
}
