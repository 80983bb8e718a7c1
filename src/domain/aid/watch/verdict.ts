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
// - A report's own time is used; the verdict "at now" is the fold up to now + tolerance, so that a
//   reporter whose clock is a little ahead still counts, and one far ahead does not (yet).
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
  const whole = (v: number | undefined, min: number, fallback: number) =>
    v !== undefined && Number.isFinite(v) ? Math.max(min, Math.floor(v)) : fallback;
  return {
    k: whole(p.k, 2, 2),
    n: whole(p.n, 1, 2),
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
  const out: Verdict[] = [];
  for (const group of counted(reports, members)) {
    const state = foldReports(undefined, group, rule, now + rule.toleranceMs);
    if (state) out.push(verdictOfState(state));
  }
  return out;
}

/**
 * The reports that count, grouped by subject and service (sorted by both): by members only, none about
 * the reporter itself. Nested maps, so that no key string is built per report.
 */
export function counted(reports: Iterable<Report>, members: ReadonlySet<string>): Report[][] {
  const groups = new Map<string, Map<string, Report[]>>();
  for (const r of reports) {
    if (r.reporter === r.subject || !members.has(r.reporter)) continue;
    let services = groups.get(r.subject);
    if (!services) {
      services = new Map();
      groups.set(r.subject, services);
    }
    const group = services.get(r.service);
    if (group) group.push(r);
    else services.set(r.service, [r]);
  }
  const out: Report[][] = [];
  for (const subject of [...groups.keys()].sort()) {
    const services = groups.get(subject) as Map<string, Report[]>;
    for (const service of [...services.keys()].sort()) out.push(services.get(service) ?? []);
  }
  return out;
}

/** A reporter's voice: its latest report still within the window, and how many oks it has sent in a row. */
export type Voice = { readonly at: number; readonly fail: boolean; readonly okRun: number };

/**
 * The fold of one subject and service up to an instant: a verdict, and what the next reports need to
 * continue from it (a checkpoint that storage may keep instead of the reports before it).
 */
export type WatchState = Verdict & {
  /** Every report at or before this instant is folded in; every expiry up to it has happened. */
  readonly until: number;
  readonly voices: ReadonlyMap<string, Voice>;
};

export const verdictOfState = (s: WatchState): Verdict => ({
  subject: s.subject,
  service: s.service,
  down: s.down,
  transitions: s.transitions,
  firstSeen: s.firstSeen,
});

/**
 * Folds the reports about one subject and service (from members, none by the subject) with
 * `start.until < at <= until` into `start` (or from nothing). Folding in two steps at any cut gives the
 * same state as folding at once, so a caller may keep a checkpoint and fold only newer reports; a report
 * at or before the checkpoint's `until` that arrives later means folding again from an earlier one.
 */
export function foldReports(
  start: WatchState | undefined,
  reports: readonly Report[],
  rule: WatchRule,
  until: number,
): WatchState | undefined {
  const from = start?.until ?? Number.NEGATIVE_INFINITY;
  const sorted = reports.filter((r) => r.at > from && r.at <= until).sort(byTimeThenReporter);
  const first = sorted[0];
  if (!start && !first) return undefined;
  const { k, n, windowMs } = rule;
  type Live = { at: number; fail: boolean; okRun: number };
  const voices = new Map<string, Live>();
  let failing = 0;
  let clean = 0;
  // Voices in time order; each expires at its time + window, so a cursor walks them in order.
  const queueBy: string[] = [];
  const queueAt: number[] = [];
  for (const [reporter, v] of [...(start?.voices ?? [])].sort(([a, x], [b, y]) => x.at - y.at || cmp(a, b))) {
    voices.set(reporter, { ...v });
    if (v.fail) failing++;
    else if (v.okRun >= n) clean++;
    queueBy.push(reporter);
    queueAt.push(v.at);
  }
  let down = start?.down ?? false;
  const transitions: Transition[] = [...(start?.transitions ?? [])];
  let expiring = 0;
  const silence = (v: Live) => {
    if (v.fail) failing--;
    else if (v.okRun >= n) clean--;
  };

  let i = 0;
  for (;;) {
    const nextReport = i < sorted.length ? (sorted[i] as Report).at : Number.POSITIVE_INFINITY;
    const expiry = expiring < queueAt.length ? (queueAt[expiring] as number) + windowMs : Number.POSITIVE_INFINITY;
    const t = Math.min(nextReport, expiry <= until ? expiry : Number.POSITIVE_INFINITY);
    if (t === Number.POSITIVE_INFINITY) break;
    // Voices whose window has closed by t fall silent (unless a later report speaks for the reporter).
    while (expiring < queueAt.length && (queueAt[expiring] as number) + windowMs <= t) {
      const reporter = queueBy[expiring] as string;
      const v = voices.get(reporter);
      if (v && v.at === queueAt[expiring]) {
        silence(v);
        voices.delete(reporter);
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
      let v = voices.get(r.reporter);
      if (v) silence(v);
      else {
        v = { at: t, fail: false, okRun: 0 };
        voices.set(r.reporter, v);
      }
      v.at = t;
      v.fail = !r.ok;
      v.okRun = r.ok ? v.okRun + 1 : 0;
      if (v.fail) failing++;
      else if (v.okRun >= n) clean++;
      queueBy.push(r.reporter);
      queueAt.push(t);
    }
    if (!down && failing >= k) {
      down = true;
      transitions.push({ at: t, down });
    } else if (down && failing < k && clean >= k) {
      down = false;
      transitions.push({ at: t, down });
    }
  }
  const subject = start?.subject ?? (first as Report).subject;
  const service = start?.service ?? (first as Report).service;
  const firstSeen = start?.firstSeen ?? (first as Report).at;
  return { subject, service, down, transitions, firstSeen, until, voices };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byTimeThenReporter(a: Report, b: Report): number {
  return a.at - b.at || cmp(a.reporter, b.reporter);
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
