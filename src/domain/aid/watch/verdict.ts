// The health verdict: whether a member (or one of its declared services) is down, folded from the
// signed report batches members publish about each other, one batch per reporter and round covering
// every check it made. The rule (ADR 0017):
//
// - Only batches by current members count, and never a member's checks of itself.
// - At an instant t, each reporter has one voice: its latest batch with t - window < at <= t (older
//   batches have expired). It speaks about the checks that batch covers.
// - Up → down when at least k distinct reporters' voices are "fail".
// - Down → up when fewer than k voices are "fail" and at least k distinct reporters have each sent
//   their last n batches "ok" for it (a clean streak of n), so that one clean probe does not flap it back.
// - The verdict is a function of the set of batches: they are deduplicated and swept in time order,
//   all batches of one instant together, so arrival order and duplicates change nothing. A reporter
//   that sends two different batches for one round, or two batches at one instant, says nothing there.
// - A batch's own time is used; the verdict "at now" is the fold up to now + tolerance, so that a
//   reporter whose clock is a little ahead still counts, and one far ahead does not (yet).
// The fold keeps per reporter the status string of its voice: a batch equal to the reporter's
// previous ones (the usual case: everything ok, again) costs one comparison.
import { durationMs } from "../../networks/duration.ts";

/** The instance's own health endpoint, when a check is not of one declared service. */
export const HEALTH = "health";

export type Check = { readonly subject: string; readonly service: string };

export type ReportBatch = {
  readonly reporter: string;
  /** The start of the reporter's round, in ms since the epoch: one batch per reporter and round. */
  readonly round: number;
  /** The reporter's time of the batch (the end of its round), in ms since the epoch. */
  readonly at: number;
  readonly checks: readonly Check[];
  /** One character per check: "1" ok, "0" fail. */
  readonly status: string;
};

export type WatchRule = {
  /** Distinct reporters needed to mark down, and to mark up again (at least 2). */
  readonly k: number;
  /** Consecutive clean batches each of those k reporters must have sent to mark up again. */
  readonly n: number;
  /** How long a batch speaks for its reporter, in ms. */
  readonly windowMs: number;
  /** How far past `now` a batch's claimed time may be and still count, in ms (clock skew). */
  readonly toleranceMs: number;
};

export const DEFAULT_INTERVAL = "PT5M";

/** The rule for a probe interval: k from the charter (default 2), n = 2, a window of three intervals. */
export function watchRule(p: { k?: number; n?: number; interval?: string } = {}): WatchRule {
  const interval = durationMs(p.interval ?? DEFAULT_INTERVAL) ?? 300_000;
  const whole = (v: number | undefined, min: number, fallback: number) =>
    v !== undefined && Number.isFinite(v) ? Math.max(min, Math.floor(v)) : fallback;
  return { k: whole(p.k, 2, 2), n: whole(p.n, 1, 2), windowMs: 3 * interval, toleranceMs: 60_000 };
}

export type Transition = { readonly at: number; readonly down: boolean };

export type Verdict = {
  readonly subject: string;
  readonly service: string;
  readonly down: boolean;
  /** Every change of verdict, in time order; the subject starts up at its first counted check. */
  readonly transitions: readonly Transition[];
  /** The time of the first counted check (the history starts there). */
  readonly firstSeen: number;
};

/** A reporter's voice about one check: when, and whether it said ok. */
export type Voice = { readonly reporter: string; readonly at: number; readonly ok: boolean };

/** The verdict of every check the batches cover, at `now` (ms), sorted by subject and service. */
export function verdicts(
  batches: Iterable<ReportBatch>,
  members: ReadonlySet<string>,
  rule: WatchRule,
  now: number,
): Verdict[] {
  const fold = new WatchFold(members, rule);
  fold.add(batches, now + rule.toleranceMs, now);
  return fold.verdicts();
}

/** The batches that speak: by members, one per reporter and round (two different ones: none). */
export function speaking(batches: Iterable<ReportBatch>, members: ReadonlySet<string>): ReportBatch[] {
  const byReporter = new Map<string, Map<number, ReportBatch | null>>();
  for (const b of batches) {
    if (!members.has(b.reporter) || b.status.length !== b.checks.length) continue;
    let rounds = byReporter.get(b.reporter);
    if (!rounds) {
      rounds = new Map();
      byReporter.set(b.reporter, rounds);
    }
    const seen = rounds.get(b.round);
    if (seen === undefined) rounds.set(b.round, b);
    else if (seen && !sameBatch(seen, b)) rounds.set(b.round, null);
  }
  const out: ReportBatch[] = [];
  for (const rounds of byReporter.values()) for (const b of rounds.values()) if (b) out.push(b);
  return out.sort((a, b) => a.at - b.at || cmp(a.reporter, b.reporter));
}

const sameBatch = (a: ReportBatch, b: ReportBatch) =>
  a.at === b.at &&
  a.status === b.status &&
  (a.checks === b.checks ||
    (a.checks.length === b.checks.length &&
      a.checks.every((c, i) => c.subject === b.checks[i]?.subject && c.service === b.checks[i]?.service)));

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type LiveVoice = { at: number; idx: Int32Array; status: string; runs: Uint8Array; same: number };

/**
 * The fold of a network's batches in time order. `add` takes batches up to an instant (those after it
 * wait for a later `add`): folding at two cuts gives the state of folding at once, so an instance may
 * keep the fold and add only newer batches; one that arrives for a time already folded means a new fold.
 */
export class WatchFold {
  until = Number.NEGATIVE_INFINITY;
  private readonly targets = new Map<string, Map<string, number>>();
  private readonly subjectOf: string[] = [];
  private readonly serviceOf: string[] = [];
  private readonly failing: number[] = [];
  private readonly clean: number[] = [];
  private readonly down: boolean[] = [];
  private readonly transitions: Transition[][] = [];
  private readonly firstSeen: number[] = [];
  private readonly voices = new Map<string, LiveVoice>();
  private readonly expiryBy: string[] = [];
  private readonly expiryAt: number[] = [];
  private expiring = 0;
  private readonly indexCache = new WeakMap<readonly Check[], Map<string, Int32Array>>();
  private touched: number[] = [];
  private instant = 0;
  private readonly mark: number[] = [];
  private pending: ReportBatch[] = [];

  private readonly members: ReadonlySet<string>;
  private readonly rule: WatchRule;

  constructor(members: ReadonlySet<string>, rule: WatchRule) {
    this.members = members;
    this.rule = rule;
  }

  /**
   * Folds the batches made up to `until`; voices expire up to `expireUntil` only (the verdict "at now"
   * takes batches up to now + tolerance, but silences no voice that is still speaking now).
   */
  add(batches: Iterable<ReportBatch>, until: number, expireUntil = until): void {
    const sorted = speaking([...this.pending, ...batches], this.members).filter((b) => b.at > this.until);
    this.pending = sorted.filter((b) => b.at > until);
    const { windowMs } = this.rule;
    let i = 0;
    const now = sorted.filter((b) => b.at <= until);
    const lastExpiry = Math.min(until, expireUntil);
    for (;;) {
      const next = i < now.length ? (now[i] as ReportBatch).at : Number.POSITIVE_INFINITY;
      const head =
        this.expiring < this.expiryAt.length ? (this.expiryAt[this.expiring] as number) + windowMs : Infinity;
      const t = Math.min(next, head <= lastExpiry ? head : Number.POSITIVE_INFINITY);
      if (t === Number.POSITIVE_INFINITY) break;
      const expireTo = Math.min(t, lastExpiry);
      while (this.expiring < this.expiryAt.length && (this.expiryAt[this.expiring] as number) + windowMs <= expireTo) {
        const reporter = this.expiryBy[this.expiring] as string;
        const v = this.voices.get(reporter);
        if (v && v.at === this.expiryAt[this.expiring]) {
          this.silence(v);
          this.voices.delete(reporter);
        }
        this.expiring++;
      }
      while (i < now.length && (now[i] as ReportBatch).at === t) {
        const b = now[i] as ReportBatch;
        i++;
        let mixed = false;
        while (i < now.length && (now[i] as ReportBatch).at === t && (now[i] as ReportBatch).reporter === b.reporter) {
          mixed = true;
          i++;
        }
        if (!mixed) this.apply(b);
      }
      this.judge(t);
    }
    this.until = until;
  }

  verdicts(): Verdict[] {
    const out: Verdict[] = [];
    for (const subject of [...this.targets.keys()].sort()) {
      const services = this.targets.get(subject) as Map<string, number>;
      for (const service of [...services.keys()].sort()) {
        const x = services.get(service) as number;
        const transitions = this.transitions[x] as Transition[];
        out.push({ subject, service, down: !!this.down[x], transitions, firstSeen: this.firstSeen[x] as number });
      }
    }
    return out;
  }

  /** The voices behind the verdict of one check now: each reporter's live batch covering it. */
  voicesOn(subject: string, service: string): Voice[] {
    const x = this.targets.get(subject)?.get(service);
    if (x === undefined) return [];
    const out: Voice[] = [];
    for (const [reporter, v] of this.voices) {
      const at = v.idx.indexOf(x);
      if (at >= 0) out.push({ reporter, at: v.at, ok: v.status.charCodeAt(at) === ONE });
    }
    return out.sort((a, b) => cmp(a.reporter, b.reporter));
  }

  private target(subject: string, service: string, at: number): number {
    let services = this.targets.get(subject);
    if (!services) {
      services = new Map();
      this.targets.set(subject, services);
    }
    let x = services.get(service);
    if (x === undefined) {
      x = this.subjectOf.length;
      services.set(service, x);
      this.subjectOf.push(subject);
      this.serviceOf.push(service);
      this.failing.push(0);
      this.clean.push(0);
      this.down.push(false);
      this.transitions.push([]);
      this.firstSeen.push(at);
      this.mark.push(-1);
    }
    return x;
  }

  /** The targets of a batch's checks, -1 for the reporter's checks of itself; one array per list and reporter. */
  private indexOf(b: ReportBatch): Int32Array {
    let byReporter = this.indexCache.get(b.checks);
    if (!byReporter) {
      byReporter = new Map();
      this.indexCache.set(b.checks, byReporter);
    }
    let idx = byReporter.get(b.reporter);
    if (!idx) {
      idx = Int32Array.from(b.checks, (c) => (c.subject === b.reporter ? -1 : this.target(c.subject, c.service, b.at)));
      byReporter.set(b.reporter, idx);
    }
    return idx;
  }

  private touch(x: number): void {
    if (this.mark[x] !== this.instant) {
      this.mark[x] = this.instant;
      this.touched.push(x);
    }
  }

  /** Adds (sign 1) or removes (-1) a voice's weight on one target. */
  private weigh(x: number, ok: boolean, run: number, sign: number): void {
    if (!ok) this.failing[x] = (this.failing[x] as number) + sign;
    else if (run >= this.rule.n) this.clean[x] = (this.clean[x] as number) + sign;
    this.touch(x);
  }

  private silence(v: LiveVoice): void {
    for (let i = 0; i < v.idx.length; i++) {
      const x = v.idx[i] as number;
      if (x >= 0) this.weigh(x, v.status.charCodeAt(i) === ONE, v.runs[i] as number, -1);
    }
  }

  private apply(b: ReportBatch): void {
    const n = this.rule.n;
    const idx = this.indexOf(b);
    const old = this.voices.get(b.reporter);
    if (old && old.idx === idx) {
      // The same checks as the reporter's voice: only what changed moves the counts.
      if (!(b.status === old.status && old.same >= n)) {
        for (let i = 0; i < idx.length; i++) {
          const x = idx[i] as number;
          if (x < 0) continue;
          const wasOk = old.status.charCodeAt(i) === ONE;
          const isOk = b.status.charCodeAt(i) === ONE;
          const was = old.runs[i] as number;
          const run = isOk ? Math.min(was + 1, n) : 0;
          old.runs[i] = run;
          if (wasOk !== isOk || was >= n !== run >= n) {
            this.weigh(x, wasOk, was, -1);
            this.weigh(x, isOk, run, 1);
          }
        }
        old.same = b.status === old.status ? old.same + 1 : 1;
        old.status = b.status;
      }
      old.at = b.at;
    } else {
      const carried = new Map<number, number>();
      if (old) {
        this.silence(old);
        for (let i = 0; i < old.idx.length; i++)
          if (old.status.charCodeAt(i) === ONE) carried.set(old.idx[i] as number, old.runs[i] as number);
      }
      const runs = new Uint8Array(idx.length);
      for (let i = 0; i < idx.length; i++) {
        const x = idx[i] as number;
        if (x < 0) continue;
        const isOk = b.status.charCodeAt(i) === ONE;
        runs[i] = isOk ? Math.min((carried.get(x) ?? 0) + 1, n) : 0;
        this.weigh(x, isOk, runs[i] as number, 1);
      }
      this.voices.set(b.reporter, { at: b.at, idx, status: b.status, runs, same: 1 });
    }
    this.expiryBy.push(b.reporter);
    this.expiryAt.push(b.at);
  }

  private judge(t: number): void {
    const { k } = this.rule;
    for (const x of this.touched) {
      const failing = this.failing[x] as number;
      if (!this.down[x] && failing >= k) {
        this.down[x] = true;
        this.transitions[x]?.push({ at: t, down: true });
      } else if (this.down[x] && failing < k && (this.clean[x] as number) >= k) {
        this.down[x] = false;
        this.transitions[x]?.push({ at: t, down: false });
      }
    }
    this.touched = [];
    this.instant++;
  }
}

const ONE = "1".charCodeAt(0);

/** Whether the verdict is down at `t` (ms), from its transitions. */
export function downAt(v: Pick<Verdict, "transitions">, t: number): boolean {
  let down = false;
  for (const tr of v.transitions) {
    if (tr.at > t) break;
    down = tr.down;
  }
  return down;
}
