// Announcements: markdown posts to followers. Each change records a domain event in its transaction.
import { and, desc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { announcements } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import { extractHashtags, renderWithHashtags } from "../markdown.ts";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";

export type Announcement = typeof announcements.$inferSelect;

export const announcementInputSchema = z.object({
  content: z
    .string()
    .trim()
    .min(1, { message: "an announcement needs some text" })
    .max(10_000, { message: "at most 10000 characters" }),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: "expected a language tag such as en or fr" })
    .optional(),
  pinned: z.boolean().optional(),
});
export type AnnouncementInput = z.input<typeof announcementInputSchema>;

export type TagUrl = (tag: string) => string;

function render(content: string, tagUrl: TagUrl) {
  return { source: content, html: renderWithHashtags(content, tagUrl), hashtags: extractHashtags(content) };
}

/** UUIDv7: time-ordered ids keep the table's index append-only and the ids sortable. */
export function uuidv7(now = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function createAnnouncement(db: Db, input: unknown, tagUrl: TagUrl): Promise<Result<Announcement>> {
  const parsed = announcementInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "announcement.invalid", { fields: fieldErrors(parsed.error) });
  const { content, language, pinned } = parsed.data;
  const row = await db.transaction((tx) =>
    insertAnnouncement(tx, { content, language: language ?? null, pinned: pinned ?? false }, tagUrl),
  );
  return ok(row);
}

/** Stores an announcement and records its event; `tx` is the caller's transaction. */
export async function insertAnnouncement(
  tx: Db,
  input: { content: string; language: string | null; pinned: boolean; warning?: string },
  tagUrl: TagUrl,
): Promise<Announcement> {
  const [created] = await tx
    .insert(announcements)
    .values({
      id: uuidv7(),
      ...render(input.content, tagUrl),
      language: input.language,
      summary: input.warning ?? null,
      pinnedAt: input.pinned ? new Date() : null,
    })
    .returning();
  await recordEvent(tx, { commonhost: "announcement.created", id: created!.id });
  return created!;
}

export async function updateAnnouncement(
  db: Db,
  id: string,
  input: unknown,
  tagUrl: TagUrl,
): Promise<Result<Announcement>> {
  const parsed = announcementInputSchema.partial().safeParse(input);
  if (!parsed.success) return fail("invalid", "announcement.invalid", { fields: fieldErrors(parsed.error) });
  const { content, language, pinned } = parsed.data;
  const row = await db.transaction(async (tx) => {
    const current = await findLiveAnnouncement(tx, id);
    if (!current) return undefined;
    const changes: Partial<Announcement> = {};
    if (content !== undefined && content !== current.source)
      Object.assign(changes, render(content, tagUrl), { updatedAt: new Date() });
    if (language !== undefined) changes.language = language;
    if (pinned !== undefined && pinned !== (current.pinnedAt !== null)) changes.pinnedAt = pinned ? new Date() : null;
    if (Object.keys(changes).length === 0) return current;
    const [updated] = await tx.update(announcements).set(changes).where(eq(announcements.id, id)).returning();
    // Pinning alone changes the featured collection, not the note: only edits are sent as Update.
    if (changes.source !== undefined || changes.language !== undefined) {
      await recordEvent(tx, { commonhost: "announcement.updated", id });
    }
    return updated!;
  });
  return row ? ok(row) : fail("not_found", "announcement.notFound");
}

/** Deletes an announcement, keeping a tombstone so its URL answers 410 Gone. */
export async function deleteAnnouncement(db: Db, id: string): Promise<Result<{ id: string }>> {
  const done = await db.transaction((tx) => tombstoneAnnouncement(tx, id));
  return done ? ok({ id }) : fail("not_found", "announcement.notFound");
}

/** Deletes and unpins a live announcement in the caller's transaction; false when there is none. */
export async function tombstoneAnnouncement(tx: Db, id: string): Promise<boolean> {
  const current = await findLiveAnnouncement(tx, id);
  if (!current) return false;
  const deletedAt = new Date();
  await tx
    .update(announcements)
    .set({ deletedAt, source: "", html: "", summary: null, hashtags: [], pinnedAt: null })
    .where(eq(announcements.id, id));
  await recordEvent(tx, { commonhost: "announcement.deleted", id, deletedAt: deletedAt.toISOString() });
  return true;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any announcement, deleted or not (a deleted one is a tombstone). */
export async function findAnnouncement(db: Db, id: string): Promise<Announcement | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id)).limit(1);
  return row;
}

export async function findLiveAnnouncement(db: Db, id: string): Promise<Announcement | undefined> {
  const row = await findAnnouncement(db, id);
  return row && !row.deletedAt ? row : undefined;
}

/** Live announcements, newest first, keyset-paginated by id (ids are time-ordered). */
export async function listAnnouncements(
  db: Db,
  options: { limit: number; before?: string; tag?: string },
): Promise<Announcement[]> {
  const conditions = [isNull(announcements.deletedAt)];
  if (options.before && uuidPattern.test(options.before)) conditions.push(lt(announcements.id, options.before));
  if (options.tag) conditions.push(sql`${options.tag.toLowerCase()} = any(${announcements.hashtags})`);
  return db
    .select()
    .from(announcements)
    .where(and(...conditions))
    .orderBy(desc(announcements.id))
    .limit(options.limit);
}

export async function countAnnouncements(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(announcements)
    .where(isNull(announcements.deletedAt));
  return row?.n ?? 0;
}

export async function listPinnedAnnouncements(db: Db): Promise<Announcement[]> {
  return db
    .select()
    .from(announcements)
    .where(and(isNotNull(announcements.pinnedAt), isNull(announcements.deletedAt)))
    .orderBy(desc(announcements.pinnedAt));
}
