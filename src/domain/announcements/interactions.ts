// Replies, mentions, likes and boosts received from the fediverse, kept for the operators.
import { and, desc, eq, getTableColumns, lt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client.ts";
import { announcements, interactions } from "../../db/schema/index.ts";
import { sanitizeRemoteHtml } from "../markdown.ts";
import { exactTime, olderThan, toPage, type Cursor, type Page } from "../pagination.ts";

export type Interaction = typeof interactions.$inferSelect;
export type InteractionKind = Interaction["kind"];
export type NewInteraction = {
  kind: InteractionKind;
  remoteId: string;
  actorUri: string;
  actorHandle: string | null;
  actorName: string | null;
  announcementId: string | null;
  html: string | null;
  url: string | null;
};

/** Stores an interaction once; the same remote id delivered again changes nothing. */
export async function recordInteraction(db: Db, interaction: NewInteraction): Promise<boolean> {
  const html = interaction.html === null ? null : sanitizeRemoteHtml(interaction.html).slice(0, 50_000);
  const rows = await db
    .insert(interactions)
    .values({ ...interaction, html })
    .onConflictDoNothing({ target: interactions.remoteId })
    .returning({ id: interactions.id });
  return rows.length > 0;
}

/**
 * Stores a like or boost of one of our announcements once, if the announcement is live: one
 * statement, as likes and boosts are the bulk of what the inbox receives.
 */
export async function recordReaction(
  db: Db,
  reaction: Omit<NewInteraction, "html" | "url"> & { announcementId: string },
): Promise<boolean> {
  const stored = await rowsOf(
    db,
    sql`insert into ${interactions} (kind, remote_id, actor_uri, actor_handle, actor_name, announcement_id)
      select ${reaction.kind}, ${reaction.remoteId}, ${reaction.actorUri}, ${reaction.actorHandle}::text, ${reaction.actorName}::text, ${announcements.id}
      from ${announcements} where ${announcements.id} = ${reaction.announcementId} and ${announcements.deletedAt} is null
      on conflict (remote_id) do nothing returning id`,
  );
  return stored.length > 0;
}

/** An edited reply: only its author may edit it. */
export async function updateInteractionContent(
  db: Db,
  remoteId: string,
  actorUri: string,
  html: string,
): Promise<void> {
  await db
    .update(interactions)
    .set({ html: sanitizeRemoteHtml(html).slice(0, 50_000) })
    .where(and(eq(interactions.remoteId, remoteId), eq(interactions.actorUri, actorUri)));
}

/** Removes an interaction its author withdrew (Undo Like, Delete Note). */
export async function removeInteraction(db: Db, remoteId: string, actorUri: string): Promise<void> {
  await db.delete(interactions).where(and(eq(interactions.remoteId, remoteId), eq(interactions.actorUri, actorUri)));
}

export async function removeInteractionsByActor(db: Db, actorUri: string): Promise<void> {
  await db.delete(interactions).where(eq(interactions.actorUri, actorUri));
}

export async function listInteractions(
  db: Db,
  options: { limit: number; before?: Date; kind?: InteractionKind },
): Promise<Interaction[]> {
  const conditions = [];
  if (options.before) conditions.push(lt(interactions.receivedAt, options.before));
  if (options.kind) conditions.push(eq(interactions.kind, options.kind));
  return db
    .select()
    .from(interactions)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(interactions.receivedAt))
    .limit(options.limit);
}

/** One page of interactions, newest first, optionally of one kind, with an exact cursor for the next page. */
export async function pageInteractions(
  db: Db,
  options: { limit: number; before?: Cursor; kind?: InteractionKind },
): Promise<Page<Interaction>> {
  const conditions = [];
  if (options.before) conditions.push(olderThan(interactions.receivedAt, interactions.id, options.before));
  if (options.kind) conditions.push(eq(interactions.kind, options.kind));
  const rows = await db
    .select({ ...getTableColumns(interactions), cursorAt: exactTime(interactions.receivedAt) })
    .from(interactions)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(interactions.receivedAt), desc(interactions.id))
    .limit(options.limit + 1);
  return toPage(rows, options.limit);
}
