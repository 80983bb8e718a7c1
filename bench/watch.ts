// Mutual aid's health watch (bench/run.ts section `watch`). Every figure against a baseline of the same
// run: the verdicts of 200 members after a day of report batches (one per reporter and round), from
// nothing and one interval's batches added to the day's fold, against one pass that only counts the
// failures in the same batches (and against the 50 ms target, as a ratio); and the probe schedule's
// busiest twentieth of an interval against the average, with per-pair hash offsets as the schedule it
// replaces.
import { burstRatio, hash48, probeSchedule } from "../src/domain/aid/watch/schedule.ts";
import { HEALTH, type ReportBatch, verdicts, WatchFold, watchRule } from "../src/domain/aid/watch/verdict.ts";
import { quick } from "./lib/env.ts";
import { type Figure, median, round } from "./lib/stats.ts";

const MEMBERS = 200;
const INTERVAL = 300_000;
const T0 = Date.parse("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const actor = (i: number) => `https://m${i}.example/actor`;

/**
 * A day of batches: every member, every round, one batch of its checks at its scheduled offsets. Subject i
 * is down for 20 minutes at hour i % 24 when i % 10 === 0 (a realistic handful of outages).
 */
function day(members: string[]): ReportBatch[] {
  const out: ReportBatch[] = [];
  const outage = (subject: number, at: number) => {
    const from = T0 + (subject % 24) * 3_600_000;
    return subject % 10 === 0 && at >= from && at < from + 1_200_000;
  };
  const index = new Map(members.map((m, i) => [m, i]));
  for (const reporter of members) {
    const probes = probeSchedule(reporter, members, INTERVAL);
    const checks = probes.map(({ subject }) => ({ subject, service: HEALTH }));
    for (let start = T0; start < T0 + DAY; start += INTERVAL) {
      const status = probes.map((p) => (outage(index.get(p.subject) ?? 0, start + p.offsetMs) ? "0" : "1")).join("");
      out.push({ reporter, round: start, at: start + INTERVAL - 1, checks, status });
    }
  }
  return out;
}

/** The baseline: one pass counting the failures of every check in the batches. */
function countFailures(batches: readonly ReportBatch[], members: ReadonlySet<string>): number {
  let failing = 0;
  for (const b of batches) {
    if (!members.has(b.reporter)) continue;
    for (let i = 0; i < b.status.length; i++) if (b.status.charCodeAt(i) === 48) failing++;
  }
  return failing;
}

export async function benchWatch(): Promise<Figure[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) => actor(i));
  const memberSet = new Set(members);
  const rule = watchRule({ k: 2, n: 2, interval: "PT5M" });
  const now = T0 + DAY;
  const batches = day(members);
  const checks = batches.reduce((n, b) => n + b.checks.length, 0);

  // 1. All verdicts after a day, from nothing.
  const fullTimes: number[] = [];
  const countTimes: number[] = [];
  let downs = 0;
  let failures = 0;
  for (let r = 0; r < (quick ? 3 : 15); r++) {
    let t = performance.now();
    failures = countFailures(batches, memberSet);
    countTimes.push(performance.now() - t);
    t = performance.now();
    const v = verdicts(batches, memberSet, rule, now);
    fullTimes.push(performance.now() - t);
    downs = v.reduce((n, x) => n + x.transitions.filter((tr) => tr.down).length, 0);
  }
  const full = median(fullTimes);
  const count = median(countTimes);
  const figures: Figure[] = [
    {
      name: `verdicts of ${MEMBERS} members after 24 h at PT5M (${batches.length} batches, ${(checks / 1e6).toFixed(2)} M checks, ${downs} outages found)`,
      ratio: full / count,
      value: round(full, 1),
      unit: "ms",
      baseline: `one pass counting the ${failures} failures in the same batches: ${round(count, 1)} ms`,
      target: `≤ 50 ms (${round(full / 50, 2)}× of it)`,
      pass: full <= 50,
    },
  ];

  // 2. What an instance does each interval: add the last interval's batches to the day's fold.
  const last = batches.filter((b) => b.at > now - INTERVAL);
  const stepTimes: number[] = [];
  const stepCountTimes: number[] = [];
  for (let r = 0; r < (quick ? 3 : 15); r++) {
    const fold = new WatchFold(memberSet, rule);
    fold.add(batches, now - INTERVAL);
    let t = performance.now();
    countFailures(last, memberSet);
    stepCountTimes.push(performance.now() - t);
    t = performance.now();
    fold.add(last, now + rule.toleranceMs);
    fold.verdicts();
    stepTimes.push(performance.now() - t);
  }
  const step = median(stepTimes);
  const stepCount = median(stepCountTimes);
  figures.push({
    name: `one interval's verdicts of ${MEMBERS} members added to the day's fold (${last.length} new batches)`,
    ratio: step / stepCount,
    value: round(step, 2),
    unit: "ms",
    baseline: `one pass counting the same batches' failures: ${round(stepCount, 2)} ms`,
    target: `≤ 50 ms (${round(step / 50, 2)}× of it)`,
    pass: step <= 50,
  });

  // 3. The probe schedule: the busiest twentieth of an interval over the average, for all probes of a
  // 200-member network, against offsets taken from a hash of each (prober, subject) pair alone.
  const offsets = members.flatMap((p) => probeSchedule(p, members, INTERVAL).map((x) => x.offsetMs));
  const spread = burstRatio(offsets, INTERVAL);
  const naive = burstRatio(
    members.flatMap((p) => members.filter((s) => s !== p).map((s) => hash48(`${p}\n${s}`) % INTERVAL)),
    INTERVAL,
  );
  const average = offsets.length / 20;
  figures.push({
    name: `probe burst, ${MEMBERS} members (${offsets.length} probes per interval): the busiest 1/20 of it`,
    ratio: spread,
    value: Math.round(spread * average),
    unit: "probes",
    baseline: `the average 1/20: ${average} probes (per-pair hash offsets: ${round(naive, 3)}×)`,
    target: "≤ 2× the average",
    pass: spread <= 2,
  });
  return figures;
}

if (import.meta.main) {
  const { formatFigures } = await import("./lib/stats.ts");
  process.stdout.write(`${formatFigures("Health watch", await benchWatch())}\n`);
}
