// A provider closing down: its notice (one at a time), the successor's consent, and what happens at
// the effective date. Each change records its events in its transaction.
import { and, desc, eq, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { shutdownNotices } from "../../db/schema/index.ts";
import { insertAnnouncement, type TagUrl, tombstoneAnnouncement, uuidv7 } from "../announcements/announcements.ts";
import { recordEvent } from "../events.ts";
import { findProvider, updateProviderRow } from "../provider/provider.repository.ts";
import { fail, fieldError, fieldErrors, ok, type Result } from "../validation.ts";
import { earliestEffective, keepsNotice, type outcomeAtDate, shutdownInputSchema } from "./rules.ts";

export type ShutdownNotice = typeof shutdownNotices.$inferSelect;

export type ResolvedSuccessor = { actorUri: string; inbox: string; handle: string | null };

/** What announcing needs from the edges: the successor found on the network, and the public note's text. */
export type ShutdownPorts = {
  readonly ownUri: string;
  readonly now: Date;
  readonly resolveSuccessor: (query: string) => Promise<ResolvedSuccessor | null>;
  readonly noteText: (notice: { effective: Date; successor: ResolvedSuccessor; message: string }) => string;
  readonly tagUrl: TagUrl;
  /** The current members of the networks this provider is in (itself excluded): told as well as followers. */
  readonly networkMembers: () => Promise<readonly string[]>;
};

/** One delivery per network member, so that a member that is down does not hold back the others. */
async function tellMembers(tx: Db, id: string, members: readonly string[]): Promise<void> {
  for (const to of [...new Set(members)].sort()) await recordEvent(tx, { commonhost: "shutdown.member.told", id, to });
}

const standing = eq(shutdownNotices.state, "standing");

/** The standing notice, if there is one. */
export async function standingNotice(db: Db): Promise<ShutdownNotice | undefined> {
  const [row] = await db.select().from(shutdownNotices).where(standing).limit(1);
  return row;
}

/** The notice an operator sees: the standing one, or else the last one that was not withdrawn. */
export async function currentNotice(db: Db): Promise<ShutdownNotice | undefined> {
  const [row] = await db
    .select()
    .from(shutdownNotices)
    .where(ne(shutdownNotices.state, "withdrawn"))
    .orderBy(desc(shutdownNotices.createdAt))
    .limit(1);
  return row;
}

export async function announceShutdown(db: Db, input: unknown, ports: ShutdownPorts): Promise<Result<ShutdownNotice>> {
  const parsed = shutdownInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "shutdown.invalid", { fields: fieldErrors(parsed.error) });
  const { effective, successor: query, message } = parsed.data;
  const provider = await findProvider(db);
  if (!provider) return fail("not_found", "provider.notSetUp");
  if (provider.movedTo) return fail("conflict", "shutdown.moved");
  const days = provider.profile.norms.shutdownNoticeDays;
  if (!keepsNotice(effective, ports.now, days)) {
    const earliest = earliestEffective(ports.now, days).toISOString();
    const vars = { earliest, days: days ?? 0 };
    return fail("invalid", "shutdown.noticeTooShort", {
      vars,
      fields: { effective: fieldError("noticeTooShort", vars) },
    });
  }
  if (await standingNotice(db)) return fail("conflict", "shutdown.standing");
  const successor = await ports.resolveSuccessor(query);
  if (!successor)
    return fail("not_found", "shutdown.successorNotFound", {
      vars: { query },
      fields: { successor: fieldError("notFound") },
    });
  if (successor.actorUri === ports.ownUri)
    return fail("invalid", "shutdown.self", { fields: { successor: fieldError("self") } });
  const members = await ports.networkMembers();
  const row = await db.transaction(async (tx) => {
    if (await standingNotice(tx)) return undefined;
    const note = await insertAnnouncement(
      tx,
      {
        content: ports.noteText({ effective, successor, message }),
        language: provider.profile.languages[0] ?? null,
        pinned: true,
      },
      ports.tagUrl,
    );
    const id = uuidv7(ports.now.getTime());
    const [created] = await tx
      .insert(shutdownNotices)
      .values({
        id,
        effective,
        successorUri: successor.actorUri,
        successorInbox: successor.inbox,
        successorHandle: successor.handle,
        message,
        announcementId: note.id,
        offerId: `${ports.ownUri}#successions/${id}`,
      })
      .returning();
    await updateProviderRow(tx, { closing: { effective: effective.toISOString(), successor: successor.actorUri } });
    await recordEvent(tx, { commonhost: "shutdown.announced", id });
    await recordEvent(tx, { commonhost: "profile.updated" });
    await tellMembers(tx, id, members);
    return created!;
  });
  return row ? ok(row) : fail("conflict", "shutdown.standing");
}

/**
 * Withdraws the standing notice before its date: the note is deleted and unpinned, the successor and
 * the network members given told.
 */
export async function withdrawShutdown(
  db: Db,
  now: Date,
  members: readonly string[] = [],
): Promise<Result<ShutdownNotice>> {
  const row = await db.transaction(async (tx) => {
    const current = await standingNotice(tx);
    if (!current || current.effective.getTime() <= now.getTime()) return current && "late";
    const [withdrawn] = await tx
      .update(shutdownNotices)
      .set({ state: "withdrawn", settledAt: now })
      .where(and(eq(shutdownNotices.id, current.id), standing))
      .returning();
    await tombstoneAnnouncement(tx, current.announcementId);
    await updateProviderRow(tx, { closing: null });
    await recordEvent(tx, { commonhost: "shutdown.withdrawn", id: current.id });
    await recordEvent(tx, { commonhost: "profile.updated" });
    await tellMembers(tx, current.id, members);
    return withdrawn;
  });
  if (row === "late") return fail("conflict", "shutdown.tooLate");
  return row ? ok(row) : fail("not_found", "shutdown.none");
}

/** The successor's answer to our Offer; only the successor named may answer, once, while the notice stands. */
export async function recordConsent(
  db: Db,
  answer: { offerId: string; actorUri: string; accepted: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(shutdownNotices)
    .set({ consent: answer.accepted ? "accepted" : "rejected", answeredAt: now })
    .where(
      and(
        eq(shutdownNotices.offerId, answer.offerId),
        eq(shutdownNotices.successorUri, answer.actorUri),
        eq(shutdownNotices.consent, "pending"),
        standing,
      ),
    )
    .returning({ id: shutdownNotices.id });
  return rows.length > 0;
}

/** Standing notices whose date has come. */
export async function dueNotices(db: Db, now: Date): Promise<ShutdownNotice[]> {
  return db
    .select()
    .from(shutdownNotices)
    .where(and(standing, lte(shutdownNotices.effective, now)));
}

/** Settles a notice at its date: moved to the successor, or closed without a Move (and why). */
export async function settleNotice(
  db: Db,
  id: string,
  decision: ReturnType<typeof outcomeAtDate>,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(shutdownNotices)
      .set(
        decision.move
          ? { state: "moved", settledAt: now }
          : { state: "closed", outcome: decision.outcome, settledAt: now },
      )
      .where(and(eq(shutdownNotices.id, id), standing))
      .returning();
    if (!row) return false;
    if (decision.move) {
      await updateProviderRow(tx, { movedTo: row.successorUri });
      await recordEvent(tx, { commonhost: "profile.updated" });
      await recordEvent(tx, { commonhost: "shutdown.moved", id });
    }
    return true;
  });
}

export async function findNotice(db: Db, id: string): Promise<ShutdownNotice | undefined> {
  const [row] = await db.select().from(shutdownNotices).where(eq(shutdownNotices.id, id)).limit(1);
  return row;
}
