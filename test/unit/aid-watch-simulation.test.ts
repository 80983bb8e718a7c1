// The health watch under faults, deterministically: a seeded random source drives twenty members probing
// each other on the spread schedule for hours, each sending one batch per round. Some members flap, one
// crashes for good, one member lies (it reports everyone failing), one equivocates (it sends different
// batches for one round to different members), an outsider injects failures, clocks are skewed, batches
// are lost at their source, lost or duplicated on the way and delayed. After anti-entropy every live
// member holds the same batches (in its own order, with its own duplicates) and must reach the same
// verdicts, and no single member's failures can mark anyone down. AID_SIM_LONG=1 (npm run sim:aid) runs
// more seeds over a whole day.
import { describe, expect, it } from "vitest";
import { probeSchedule } from "../../src/domain/aid/watch/schedule.ts";
import {
  downAt,
  HEALTH,
  type ReportBatch,
  type Verdict,
  verdicts,
  WatchFold,
  watchRule,
} from "../../src/domain/aid/watch/verdict.ts";
import { aidSimLong as long } from "../helpers/test-environment.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

const MIN = 60_000;
const INTERVAL = 5 * MIN;
const T0 = Date.parse("2026-11-01T00:00:00Z");
const rule = watchRule({ k: 2, n: 2, interval: "PT5M" });

type Outage = { from: number; to: number };
const keyOf = (r: ReportBatch) => `${r.reporter}|${r.round}|${r.at}|${r.status}`;

function simulate(seed: number, hours: number) {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const members = Array.from({ length: 20 }, (_, i) => `https://m${i}.example/actor`);
  const liar = members[19] as string;
  const crashed = members[18] as string;
  const outsider = "https://outsider.example/actor";
  const end = T0 + hours * 60 * MIN;
  const crashAt = T0 + Math.floor(hours * 40 * MIN);
  const alive = (m: string, t: number) => m !== crashed || t < crashAt;
  const skew = new Map(members.map((m) => [m, Math.round((rand() * 2 - 1) * 30_000)]));

  // Real outages: five members flap (short, frequent), three have one long outage each.
  const outages = new Map<string, Outage[]>(members.map((m) => [m, []]));
  for (const m of members.slice(0, 5))
    for (let t = T0 + rand() * 60 * MIN; t < end; t += 30 * MIN + rand() * 90 * MIN)
      outages.get(m)?.push({ from: t, to: t + (2 + rand() * 12) * MIN });
  for (const m of members.slice(5, 8)) {
    const from = T0 + rand() * (end - T0 - 90 * MIN);
    outages.get(m)?.push({ from, to: from + (30 + rand() * 60) * MIN });
  }
  const upAt = (m: string, t: number) => !outages.get(m)?.some((o) => t >= o.from && t < o.to);

  // Each member's log: what it holds, in the order it got it, duplicates included.
  const logs = new Map<string, ReportBatch[]>(members.map((m) => [m, []]));
  const arrivals: { at: number; seq: number; to: string; report: ReportBatch }[] = [];
  const stats = { made: 0, lostAtSource: 0, lost: 0, duplicated: 0, equivocated: 0 };
  // One member equivocates: to some members it sends its round's batch with every status turned over.
  const equivocator = members[17] as string;
  const turned = (status: string) => status.replace(/[01]/g, (c) => (c === "1" ? "0" : "1"));
  let seq = 0;
  /** Reports a live member made and kept: every live member must end up holding them. */
  const kept = new Set<string>();
  const send = (report: ReportBatch, sentAt: number, from: string) => {
    for (const to of members) {
      if (to === from) continue;
      if (rand() < 0.1) {
        stats.lost++;
        continue;
      }
      const copies = rand() < 0.05 ? 2 : 1;
      if (copies === 2) stats.duplicated++;
      const lie = from === equivocator && rand() < 0.3;
      if (lie) stats.equivocated++;
      const sent = lie ? { ...report, status: turned(report.status) } : report;
      for (let c = 0; c < copies; c++)
        arrivals.push({ at: sentAt + rand() * 10 * MIN, seq: seq++, to, report: { ...sent } });
    }
  };

  // Probes on the schedule: each prober, each subject, once per interval.
  const schedules = new Map(members.map((p) => [p, probeSchedule(p, members, INTERVAL)]));
  for (let round = T0; round < end; round += INTERVAL) {
    const made = round + INTERVAL - 1;
    for (const prober of members) {
      if (made >= end || !alive(prober, made) || !upAt(prober, made)) continue;
      const probes = schedules.get(prober) ?? [];
      const status = probes
        .map(({ subject, offsetMs }) => {
          const t = round + offsetMs;
          return prober !== liar && alive(subject, t) && upAt(subject, t) && rand() > 0.002 ? "1" : "0";
        })
        .join("");
      const checks = probes.map(({ subject }) => ({ subject, service: HEALTH }));
      const skewed = skew.get(prober) ?? 0;
      const report: ReportBatch = { reporter: prober, round: round + skewed, at: made + skewed, checks, status };
      stats.made++;
      if (rand() < 0.02) {
        stats.lostAtSource++;
        continue;
      }
      logs.get(prober)?.push(report);
      if (alive(prober, end)) kept.add(keyOf(report));
      send(report, made, prober);
    }
    // The outsider says everyone is failing; members hold what arrives, the verdict must ignore it.
    const victims = [pick(members), pick(members)];
    const checks = victims.map((subject) => ({ subject, service: HEALTH }));
    if (victims[0] !== victims[1])
      send({ reporter: outsider, round, at: round, checks, status: "00" }, round, outsider);
  }
  arrivals.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const a of arrivals) if (alive(a.to, a.at)) logs.get(a.to)?.push(a.report);

  // Anti-entropy among the live: each round every member pulls what one random peer has and it lacks;
  // a pull fails one time in ten.
  const live = members.filter((m) => alive(m, end));
  const held = new Map(live.map((m) => [m, new Set((logs.get(m) ?? []).map(keyOf))]));
  const inSync = () => {
    const sizes = new Set(live.map((m) => held.get(m)?.size));
    const union = new Set(live.flatMap((m) => [...(held.get(m) ?? [])]));
    return sizes.size === 1 && sizes.has(union.size);
  };
  let rounds = 0;
  while (!inSync() && rounds < 100) {
    rounds++;
    for (const m of live) {
      const peer = pick(live.filter((p) => p !== m));
      if (rand() < 0.1) continue;
      const mine = held.get(m) as Set<string>;
      for (const r of logs.get(peer) ?? []) {
        const k = keyOf(r);
        if (!mine.has(k)) {
          mine.add(k);
          logs.get(m)?.push({ ...r });
        }
      }
    }
  }
  const memberSet = new Set(members);
  const results = new Map(live.map((m) => [m, verdicts(logs.get(m) ?? [], memberSet, rule, end)]));
  return { members, memberSet, live, liar, crashed, end, logs, results, rounds, stats, outages, held, kept };
}

const seeds = long ? Array.from({ length: 12 }, (_, i) => 100 + i) : [1, 2, 3];
const hours = long ? 24 : 6;

/** The reporters whose voice about `subject` at `t` says fail: each reporter's latest batch within the window. */
function failingVoices(reports: readonly ReportBatch[], subject: string, members: ReadonlySet<string>, t: number) {
  const latest = new Map<string, ReportBatch>();
  for (const r of reports) {
    if (r.reporter === subject || !members.has(r.reporter)) continue;
    if (r.at > t || r.at <= t - rule.windowMs) continue;
    const seen = latest.get(r.reporter);
    if (!seen || seen.at < r.at) latest.set(r.reporter, r);
  }
  return [...latest.values()]
    .filter((r) => r.status[r.checks.findIndex((c) => c.subject === subject)] === "0")
    .map((r) => r.reporter);
}

describe("the health watch, simulated", () => {
  for (const seed of seeds) {
    const title = `gives every live member the same verdicts, and no member alone marks another down (seed ${seed})`;
    it(title, { timeout: long ? 1_800_000 : 300_000 }, () => {
      const s = simulate(seed, hours);
      expect(s.live).toHaveLength(19);
      expect(s.stats.lostAtSource).toBeGreaterThan(0);
      expect(s.stats.lost).toBeGreaterThan(0);
      expect(s.stats.duplicated).toBeGreaterThan(0);
      expect(s.stats.equivocated).toBeGreaterThan(0);
      expect(s.rounds).toBeLessThan(100);

      // Every live member holds every report that a live member made and did not lose at its source.
      const union = s.held.get(s.live[0] as string) as Set<string>;
      for (const m of s.live) expect(s.held.get(m)).toEqual(union);
      expect([...s.kept].filter((k) => !union.has(k))).toEqual([]);
      const logs = s.live.map((m) => s.logs.get(m)?.length ?? 0);
      expect(new Set(logs).size).toBeGreaterThan(1); // the logs differ (duplicates, order), the sets do not

      // Same verdicts everywhere.
      const first = JSON.stringify(s.results.get(s.live[0] as string));
      for (const m of s.live) expect(JSON.stringify(s.results.get(m))).toBe(first);
      const all: Verdict[] = JSON.parse(first);

      // Real outages are seen: 15 minutes into each long outage (30 minutes or more), it is down.
      for (const m of s.members.slice(5, 8)) {
        const o = s.outages.get(m)?.[0] as Outage;
        const v = all.find((x) => x.subject === m);
        expect(v && downAt(v, o.from + 15 * MIN)).toBe(true);
      }
      // A checkpoint halfway, folded on with the later reports, gives the same verdicts.
      const half = T0 + Math.floor((s.end - T0) / 2);
      const resumed = new WatchFold(s.memberSet, rule);
      resumed.add(s.logs.get(s.live[1] as string) ?? [], half);
      resumed.add(s.logs.get(s.live[1] as string) ?? [], s.end + rule.toleranceMs, s.end);
      expect(JSON.stringify(resumed.verdicts())).toBe(first);

      // Every move to down was made by at least k distinct members other than the subject.
      const reports = s.logs.get(s.live[0] as string) ?? [];
      let downs = 0;
      for (const v of all)
        for (const t of v.transitions.filter((x) => x.down)) {
          downs++;
          expect(new Set(failingVoices(reports, v.subject, s.memberSet, t.at)).size).toBeGreaterThanOrEqual(rule.k);
        }
      expect(downs).toBeGreaterThan(3);

      // One member alone: with only one member's failures kept (the liar's, or any other's), nobody is down.
      for (const alone of [s.liar, s.members[0] as string, s.members[6] as string]) {
        const onlyItsFailures = reports.map((r) =>
          r.reporter === alone ? r : { ...r, status: "1".repeat(r.status.length) },
        );
        const judged = verdicts(onlyItsFailures, s.memberSet, rule, s.end);
        expect(judged.filter((v) => v.transitions.length > 0).map((v) => v.subject)).toEqual([]);
      }
      console.info(
        `seed ${seed}: ${s.live.length} live, ${s.stats.made} batches (${s.stats.lostAtSource} lost at source, ` +
          `${s.stats.lost} copies lost, ${s.stats.duplicated} duplicated), anti-entropy ${s.rounds} rounds, ${downs} downs`,
      );
    });
  }
});
