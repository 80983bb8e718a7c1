// The health watch of a network: this instance's own report batch of each round (stored and sent to the
// other current members), the batches received from fellow members, and the status of each member and
// its declared services folded from them (ADR 0017).
import type { Db } from "../../../db/client.ts";
import { recordEvent } from "../../events.ts";
import { fail, ok, type Result } from "../../validation.ts";
import { dailyBuckets, type DayBucket } from "./uptime.ts";
import { batchesSince, insertBatch, pruneBatches } from "./watch.repository.ts";
import { HEALTH, type ReportBatch, WatchFold, type WatchRule } from "./verdict.ts";

const DAY = 86_400_000;
/** Batches are kept this long: the uptime strip shows 30 days, and a day more covers the first one. */
export const KEPT_DAYS = 31;

/** A network this instance is a current member of, with its current members. */
export type HeldNetwork = { readonly id: string; readonly members: readonly string[] };

/** Stores this instance's batch of a round and sends it (through the queue) to every other current member. */
export async function recordRound(db: Db, network: HeldNetwork, batch: ReportBatch, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await insertBatch(tx, network.id, batch, now))) return false;
    const round = new Date(batch.round).toISOString();
    for (const to of new Set(network.members))
      if (to !== batch.reporter)
        await recordEvent(tx, { commonhost: "aid.watch.deliver", network: network.id, round, to });
    return true;
  });
}

/**
 * A fellow member's batch: kept only from its reporter, a current member of a network this instance is a
 * current member of too (`network` is null when it is not), and only when made in the kept period.
 */
export async function receiveBatch(
  db: Db,
  sender: string,
  network: HeldNetwork | null,
  batch: ReportBatch,
  now: Date,
): Promise<Result<{ stored: boolean }>> {
  if (batch.reporter !== sender) return fail("forbidden", "aid.not_reporter");
  if (!network?.members.includes(sender)) return fail("forbidden", "aid.not_member");
  if (batch.at < now.getTime() - KEPT_DAYS * DAY || batch.at > now.getTime() + DAY)
    return fail("invalid", "aid.report_out_of_time");
  return ok({ stored: await insertBatch(db, network.id, batch, now) });
}

export const pruneReports = (db: Db, now: Date) => pruneBatches(db, new Date(now.getTime() - KEPT_DAYS * DAY));

export type CheckStatus = "up" | "down" | "unknown";

export type ServiceWatch = {
  /** HEALTH for the instance's health endpoint, else the declared service's id. */
  readonly service: string;
  readonly status: CheckStatus;
  /** When the current verdict began (its last change, or the first counted check), ms. */
  readonly since: number | null;
  /** The voices behind the verdict now: each reporter's latest batch within the window. */
  readonly reports: readonly { readonly reporter: string; readonly at: number; readonly ok: boolean }[];
  readonly days: readonly DayBucket[];
};

export type MemberWatch = {
  readonly actor: string;
  /** The verdict of its instance's health endpoint. */
  readonly status: CheckStatus;
  /** The time of the newest report behind its verdicts, ms (null before any). */
  readonly verdictAt: number | null;
  readonly services: readonly ServiceWatch[];
};

/** Every current member's status, from the batches of the kept period, at `now`. */
export async function watchOf(db: Db, network: HeldNetwork, rule: WatchRule, now: Date): Promise<MemberWatch[]> {
  const batches = await batchesSince(db, network.id, new Date(now.getTime() - KEPT_DAYS * DAY));
  const fold = new WatchFold(new Set(network.members), rule);
  fold.add(batches, now.getTime() + rule.toleranceMs, now.getTime());
  const verdicts = fold.verdicts();
  return [...new Set(network.members)].sort().map((actor) => {
    const services = verdicts
      .filter((v) => v.subject === actor)
      .map((v): ServiceWatch => {
        const reports = fold.voicesOn(v.subject, v.service);
        const status: CheckStatus = v.down ? "down" : reports.length > 0 ? "up" : "unknown";
        const since = v.transitions.at(-1)?.at ?? v.firstSeen;
        return { service: v.service, status, since, reports, days: dailyBuckets(v, now.getTime()) };
      })
      .sort((a, b) => (a.service === HEALTH ? -1 : b.service === HEALTH ? 1 : a.service < b.service ? -1 : 1));
    const health = services.find((s) => s.service === HEALTH);
    const times = services.flatMap((s) => s.reports.map((r) => r.at));
    return {
      actor,
      status: health?.status ?? "unknown",
      verdictAt: times.length > 0 ? Math.max(...times) : null,
      services,
    };
  });
}
