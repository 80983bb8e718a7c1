// The health watch's stored report batches: one row per network, reporter and round. A second batch for
// a round already held is kept out; if it differs, the round is marked conflicted (it says nothing).
import { and, asc, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { watchReports } from "../../../db/schema/index.ts";
import type { Check, ReportBatch } from "./verdict.ts";

/** Stores a batch; true when it was new (a repeat or a conflicting one is not). */
export async function insertBatch(db: Db, network: string, b: ReportBatch, now: Date): Promise<boolean> {
  const row = {
    network,
    reporter: b.reporter,
    round: new Date(b.round),
    at: new Date(b.at),
    checks: JSON.stringify(b.checks.map((c) => ({ subject: c.subject, service: c.service }))),
    status: b.status,
    receivedAt: now,
  };
  const added = await db
    .insert(watchReports)
    .values(row)
    .onConflictDoNothing()
    .returning({ reporter: watchReports.reporter });
  if (added.length > 0) return true;
  // The same round again: a differing batch silences the reporter's round on every member that holds both.
  await db
    .update(watchReports)
    .set({ conflicted: true })
    .where(
      and(
        eq(watchReports.network, network),
        eq(watchReports.reporter, b.reporter),
        eq(watchReports.round, row.round),
        or(ne(watchReports.at, row.at), ne(watchReports.status, row.status), ne(watchReports.checks, row.checks)),
      ),
    );
  return false;
}

/**
 * The batches of a network made after `since`, in time order, conflicted rounds left out. Equal lists of
 * checks are one array, so that the fold recognises a reporter's unchanged list at once.
 */
export async function batchesSince(db: Db, network: string, since: Date): Promise<ReportBatch[]> {
  const rows = await db
    .select()
    .from(watchReports)
    .where(and(eq(watchReports.network, network), gt(watchReports.at, since), eq(watchReports.conflicted, false)))
    .orderBy(asc(watchReports.at), asc(watchReports.reporter));
  const lists = new Map<string, readonly Check[]>();
  return rows.map((r) => asBatch(r, lists));
}

export async function findBatch(
  db: Db,
  network: string,
  reporter: string,
  round: Date,
): Promise<ReportBatch | undefined> {
  const [r] = await db
    .select()
    .from(watchReports)
    .where(and(eq(watchReports.network, network), eq(watchReports.reporter, reporter), eq(watchReports.round, round)));
  return r && asBatch(r, new Map());
}

/** A stored row as a batch; `lists` holds the lists of checks already parsed, by their text. */
function asBatch(r: typeof watchReports.$inferSelect, lists: Map<string, readonly Check[]>): ReportBatch {
  let checks = lists.get(r.checks);
  if (!checks) {
    checks = JSON.parse(r.checks) as Check[];
    lists.set(r.checks, checks);
  }
  return { reporter: r.reporter, round: r.round.getTime(), at: r.at.getTime(), checks, status: r.status };
}

/** Removes batches made before `before`; returns how many. */
export async function pruneBatches(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(watchReports).where(lt(watchReports.at, before)).returning({ r: watchReports.reporter });
  return gone.length;
}
