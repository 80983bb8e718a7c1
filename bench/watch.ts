// Mutual aid's health watch (bench/run.ts section `watch`). Every figure against a baseline of the same
// run: the verdicts of 200 members after a day of reports, from nothing and from checkpoints one interval
// old, against one pass that only counts the same reports (and against the 50 ms target, as a ratio);
// and the probe schedule's busiest twentieth of an interval against the average, with per-pair hash
// offsets as the schedule it replaces.
import { burstRatio, hash48, probeSchedule } from "../src/domain/aid/watch/schedule.ts";
import {
  foldReports,
  HEALTH,
  type Report,
  verdicts,
  type WatchState,
  watchRule,
} from "../src/domain/aid/watch/verdict.ts";
import { quick } from "./lib/env.ts";
import { type Figure, median, round } from "./lib/stats.ts";

const MEMBERS = 200;
const INTERVAL = 300_000;
const T0 = Date.parse("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const actor = (i: number) => `https://m${i}.example/actor`;

/** A day of reports about one subject from every other member, at its scheduled offsets; a few outages. */
function dayAbout(subject: number, offsets: Map<string, number>): Report[] {
  const s = actor(subject);
  const out: Report[] = [];
  // Subject i is down for 20 minutes at hour i % 24 when i % 10 === 0 (a realistic handful of outages).
  const downFrom = T0 + (subject % 24) * 3_600_000;
  const outage = subject % 10 === 0;
  for (let round = T0; round < T0 + DAY; round += INTERVAL)
    for (let p = 0; p < MEMBERS; p++) {
      if (p === subject) continue;
      const reporter = actor(p);
      const at = round + (offsets.get(`${reporter}\n${s}`) ?? 0);
      const ok = !(outage && at >= downFrom && at < downFrom + 1_200_000);
      out.push({ reporter, subject: s, service: HEALTH, ok, at });
    }
  return out;
}

export async function benchWatch(): Promise<Figure[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) => actor(i));
  const memberSet = new Set(members);
  const offsets = new Map<string, number>();
  for (const p of members)
    for (const probe of probeSchedule(p, members, INTERVAL)) offsets.set(`${p}\n${probe.subject}`, probe.offsetMs);
  const rule = watchRule({ k: 2, n: 2, interval: "PT5M" });
  const now = T0 + DAY;

  // 1. All verdicts after a day, subject by subject (the reports of one subject are generated outside
  // the clock, so that 11.5 million reports never sit in memory at once).
  const rounds = quick ? 1 : 3;
  const fullTimes: number[] = [];
  const countTimes: number[] = [];
  let reports = 0;
  let downs = 0;
  // For figure 2: each subject's checkpoint one interval before the end, and that last interval's reports.
  const checkpoints: WatchState[] = [];
  const lastInterval: Report[][] = [];
  for (let r = 0; r < rounds; r++) {
    let full = 0;
    let count = 0;
    reports = 0;
    downs = 0;
    for (let s = 0; s < MEMBERS; s++) {
      const day = dayAbout(s, offsets);
      let t = performance.now();
      let failing = 0;
      for (const x of day) if (!x.ok && memberSet.has(x.reporter)) failing++;
      count += performance.now() - t;
      t = performance.now();
      const v = verdicts(day, memberSet, rule, now);
      full += performance.now() - t;
      reports += day.length;
      if (r === 0) {
        const checkpoint = foldReports(undefined, day, rule, now - INTERVAL);
        if (checkpoint) checkpoints.push(checkpoint);
        lastInterval.push(day.filter((x) => x.at > now - INTERVAL));
      }
      downs += v.reduce((n, x) => n + x.transitions.filter((tr) => tr.down).length, 0) + (failing < 0 ? 1 : 0);
    }
    fullTimes.push(full);
    countTimes.push(count);
  }
  const full = median(fullTimes);
  const count = median(countTimes);
  const figures: Figure[] = [
    {
      name: `verdicts of ${MEMBERS} members after 24 h at PT5M (${(reports / 1e6).toFixed(2)} M reports, ${downs} outages found)`,
      ratio: full / count,
      value: round(full, 0),
      unit: "ms",
      baseline: `one pass counting the same reports: ${round(count, 1)} ms`,
      target: `≤ 50 ms (${round(full / 50, 1)}× of it; ${round(50 / (full / MEMBERS), 1)} subjects fit in 50 ms)`,
      pass: full <= 50,
    },
  ];

  // 2. What an instance does each interval: fold the last interval's reports into each subject's
  // checkpoint (the fold gives the same state as from the start: test/unit/aid-watch-verdict.test.ts).
  const fresh = lastInterval.reduce((n, x) => n + x.length, 0);
  const stepTimes: number[] = [];
  const stepCountTimes: number[] = [];
  for (let r = 0; r < (quick ? 3 : 15); r++) {
    let t = performance.now();
    let failing = 0;
    for (const group of lastInterval) for (const x of group) if (!x.ok && memberSet.has(x.reporter)) failing++;
    stepCountTimes.push(performance.now() - t);
    t = performance.now();
    for (let s = 0; s < checkpoints.length; s++)
      foldReports(checkpoints[s], lastInterval[s] ?? [], rule, now + rule.toleranceMs);
    stepTimes.push(performance.now() - t + (failing < 0 ? 1 : 0));
  }
  const step = median(stepTimes);
  const stepCount = median(stepCountTimes);
  figures.push({
    name: `one interval's verdicts of ${MEMBERS} members from checkpoints (${fresh} new reports)`,
    ratio: step / stepCount,
    value: round(step, 2),
    unit: "ms",
    baseline: `one pass counting the same reports: ${round(stepCount, 2)} ms`,
    target: `≤ 50 ms (${round(step / 50, 2)}× of it; ${Math.floor(50 / step)} such steps fit in 50 ms)`,
    pass: step <= 50,
  });

  // 3. The probe schedule: the busiest twentieth of an interval over the average, for all probes of a
  // 200-member network, against offsets taken from a hash of each (prober, subject) pair alone.
  const spread = burstRatio([...offsets.values()], INTERVAL);
  const naive = burstRatio(
    members.flatMap((p) => members.filter((s) => s !== p).map((s) => hash48(`${p}\n${s}`) % INTERVAL)),
    INTERVAL,
  );
  const average = offsets.size / 20;
  figures.push({
    name: `probe burst, ${MEMBERS} members (${offsets.size} probes per interval): the busiest 1/20 of it`,
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
