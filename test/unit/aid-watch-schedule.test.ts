// The probe schedule: each member probed once per interval by each other member, spread so that the
// busiest twentieth of the interval holds at most twice the average.
import { describe, expect, it } from "vitest";
import { burstRatio, nextProbe, probeSchedule } from "../../src/domain/aid/watch/schedule.ts";

const INTERVAL = 300_000;
const actors = (n: number) => Array.from({ length: n }, (_, i) => `https://m${i}.example/actor`);
const allOffsets = (members: string[]) =>
  members.flatMap((p) => probeSchedule(p, members, INTERVAL).map((probe) => probe.offsetMs));

describe("the probe schedule", () => {
  it("probes every other member once per interval, never itself, at offsets within the interval", () => {
    const members = actors(5);
    const probes = probeSchedule(members[0] as string, [...members, members[1] as string], INTERVAL);
    expect(probes.map((p) => p.subject).sort()).toEqual(members.slice(1));
    for (const p of probes) expect(p.offsetMs >= 0 && p.offsetMs < INTERVAL).toBe(true);
  });

  it("is the same on every machine and for any order of the member list", () => {
    const members = actors(8);
    const p = members[3] as string;
    expect(probeSchedule(p, [...members].reverse(), INTERVAL)).toEqual(probeSchedule(p, members, INTERVAL));
    expect(probeSchedule(members[4] as string, members, INTERVAL)).not.toEqual(probeSchedule(p, members, INTERVAL));
  });

  it("spaces one prober's probes evenly over the interval", () => {
    const offsets = probeSchedule("https://m0.example/actor", actors(11), INTERVAL)
      .map((p) => p.offsetMs)
      .sort((a, b) => a - b);
    const gaps = offsets.slice(1).map((o, i) => o - (offsets[i] as number));
    for (const g of gaps) expect(Math.abs(g - INTERVAL / 10)).toBeLessThanOrEqual(1);
  });

  it("keeps the busiest twentieth of the interval within twice the average, for 12, 20, 50 and 200 members", () => {
    for (const n of [12, 20, 50, 200]) expect(burstRatio(allOffsets(actors(n)), INTERVAL)).toBeLessThanOrEqual(2);
  });

  it("measures a burst: every probe at once is 20 times the average, an even spread is 1", () => {
    expect(
      burstRatio(
        Array.from({ length: 40 }, () => 1000),
        INTERVAL,
      ),
    ).toBe(20);
    expect(
      burstRatio(
        Array.from({ length: 40 }, (_, i) => i * (INTERVAL / 40)),
        INTERVAL,
      ),
    ).toBe(1);
  });

  it("gives the next probe of a subject at or after now", () => {
    const members = actors(4);
    const [p, s] = members as [string, string];
    const offset = probeSchedule(p, members, INTERVAL).find((x) => x.subject === s)?.offsetMs ?? -1;
    const base = Date.parse("2026-11-01T00:00:00Z");
    expect(nextProbe(p, s, members, INTERVAL, base)).toBe(base + offset);
    expect(nextProbe(p, s, members, INTERVAL, base + offset + 1)).toBe(base + offset + INTERVAL);
    expect(nextProbe(p, p, members, INTERVAL, base)).toBeUndefined();
  });
});
