// The health verdict: whether a member (or one of its declared services) is down, folded from the
// signed reports members publish about each other. The rule (ADR 0017):
//
// - Only reports by current members count, and never a member's reports about itself.
// - At an instant t, each reporter has one voice: its latest report about the subject with
//   t - window < at <= t (older reports have expired).
// - Up → down when at least k distinct reporters' voices are "fail".
// - Down → up when fewer than k voices are "fail" and at least k distinct reporters have each sent
//   their last n reports "ok" (a clean streak of n), so that one clean probe does not flap it back.
// - The verdict is a function of the set of reports: they are deduplicated and swept in time order,
//   all reports of one instant together, so arrival order and duplicates change nothing. A reporter
//   that says both ok and fail at the same instant says nothing then.
// - A report's own time is used, but one claiming a time later than now + tolerance is not counted.
import { durationMs } from "../../networks/duration.ts";

/** The instance's own health endpoint, when a report is not about one declared service. */
export const HEALTH = "health";

export type Report = {
  readonly reporter: string;
  readonly subject: string;
  /** A declared service's id, or HEALTH for the instance itself. */
  readonly service: string;
  readonly ok: boolean;
  /** The reporter's time of the probe, in ms since the epoch. */
  readonly at: number;
};

export type WatchRule = {
  /** Distinct reporters needed to mark down, and to mark up again (at least 2). */
  readonly k: number;
  /** Consecutive clean reports each of those k reporters must have sent to mark up again. */
  readonly n: number;
  /** How long a report speaks for its reporter, in ms. */
  readonly windowMs: number;
  /** How far past `now` a report's claimed time may be and still count, in ms (clock skew). */
  readonly toleranceMs: number;
};

export const DEFAULT_INTERVAL = "PT5M";

/** The rule for a probe interval: k from the charter (default 2), n = 2, a window of three intervals. */
export function watchRule(p: { k?: number; n?: number; interval?: string } = {}): WatchRule {
  const interval = durationMs(p.interval ?? DEFAULT_INTERVAL) ?? 300_000;
  return {
    k: Math.max(2, Math.floor(p.k ?? 2)),
    n: Math.max(1, Math.floor(p.n ?? 2)),
    windowMs: 3 * interval,
    toleranceMs: 60_000,
  };
}

export type Transition = { readonly at: number; readonly down: boolean };

export type Verdict = {
  readonly subject: string;
  readonly service: string;
  readonly down: boolean;
  /** Every change of verdict, in time order; the subject starts up at its first counted report. */
  readonly transitions: readonly Transition[];
  /** The time of the first counted report (the history starts there). */
  readonly firstSeen: number;
};

const keyOf = (subject: string, service: string) => `${subject}\n${service}`;

/**
 * The verdict of every subject and service the reports are about, at `now` (ms), sorted by subject and
 * service. `members` are the current members: reports by anyone else are ignored.
 */
export function verdicts(
  reports: Iterable<Report>,
  members: ReadonlySet<string>,
  rule: WatchRule,
  now: number,
): Verdict[] {
  const groups = new Map<string, Report[]>();
  const latest = now + rule.toleranceMs;
  for (const r of reports) {
    if (r.reporter === r.subject || !members.has(r.reporter) || !(r.at <= latest)) continue;
    const key = keyOf(r.subject, r.service);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: Verdict[] = [];
  for (const key of [...groups.keys()].sort()) {
    const v = verdictOf(groups.get(key) ?? [], rule, now);
    if (v) out.push(v);
  }
  return out;
}

/**
 * The verdict at `now` over the reports about one subject and service (already filtered: members only,
 * none about itself, none later than now + tolerance).
 */
export function verdictOf(reports: readonly Report[], rule: WatchRule, now: number): Verdict | undefined {
  const sorted = [...reports].sort(byTimeThenReporter);
  const first = sorted[0];
  if (!first) return undefined;
  const { k, n, windowMs } = rule;
  // Per reporter (by index): the time of its voice (NaN: none), whether it is fail, its run of oks.
  const index = new Map<string, number>();
  const voiceAt: number[] = [];
  const voiceFail: boolean[] = [];
  const okRun: number[] = [];
  let failing = 0;
  let clean = 0;
  let down = false;
  const transitions: Transition[] = [];
  // Voices given, in time order; each expires at its time + window, so a cursor walks them in order.
  const givenBy: number[] = [];
  const givenAt: number[] = [];
  let expiring = 0;

  const silence = (ri: number) => {
    if (Number.isNaN(voiceAt[ri] as number)) return;
    if (voiceFail[ri]) failing--;
    else if ((okRun[ri] as number) >= n) clean--;
  };
  let i = 0;
  for (;;) {
    const nextReport = i < sorted.length ? (sorted[i] as Report).at : Number.POSITIVE_INFINITY;
    const expiry = expiring < givenAt.length ? (givenAt[expiring] as number) + windowMs : Number.POSITIVE_INFINITY;
    const t = Math.min(nextReport, expiry <= now ? expiry : Number.POSITIVE_INFINITY);
    if (t === Number.POSITIVE_INFINITY) break;
    // Voices whose window has closed by t fall silent (unless a later report speaks for the reporter).
    while (expiring < givenAt.length && (givenAt[expiring] as number) + windowMs <= t) {
      const ri = givenBy[expiring] as number;
      if (voiceAt[ri] === givenAt[expiring]) {
        silence(ri);
        voiceAt[ri] = Number.NaN;
        okRun[ri] = 0;
      }
      expiring++;
    }
    // The reports of instant t, one voice per reporter; a reporter saying both says nothing.
    while (i < sorted.length && (sorted[i] as Report).at === t) {
      const r = sorted[i] as Report;
      let mixed = false;
      i++;
      while (i < sorted.length && (sorted[i] as Report).at === t && (sorted[i] as Report).reporter === r.reporter) {
        if ((sorted[i] as Report).ok !== r.ok) mixed = true;
        i++;
      }
      if (mixed) continue;
      let ri = index.get(r.reporter);
      if (ri === undefined) {
        ri = voiceAt.length;
        index.set(r.reporter, ri);
        voiceAt.push(Number.NaN);
        voiceFail.push(false);
        okRun.push(0);
      }
      silence(ri);
      voiceAt[ri] = t;
      voiceFail[ri] = !r.ok;
      okRun[ri] = r.ok ? (okRun[ri] as number) + 1 : 0;
      if (!r.ok) failing++;
      else if ((okRun[ri] as number) >= n) clean++;
      givenBy.push(ri);
      givenAt.push(t);
    }
    if (!down && failing >= k) {
      down = true;
      transitions.push({ at: t, down });
    } else if (down && failing < k && clean >= k) {
      down = false;
      transitions.push({ at: t, down });
    }
  }
  return { subject: first.subject, service: first.service, down, transitions, firstSeen: first.at };
}

function byTimeThenReporter(a: Report, b: Report): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.reporter < b.reporter ? -1 : a.reporter > b.reporter ? 1 : 0;
}

/** Whether the verdict is down at `t` (ms), from its transitions. */
export function downAt(v: Pick<Verdict, "transitions">, t: number): boolean {
  let down = false;
  for (const tr of v.transitions) {
    if (tr.at > t) break;
    down = tr.down;
  }
  return down;
}
