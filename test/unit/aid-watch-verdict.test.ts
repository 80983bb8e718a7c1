// The health verdict: k distinct reporters to mark down, k clean streaks of n to mark up, no member
// judging itself, only members' batches, one voice per reporter, and the same answer in any order.
import { describe, expect, it } from "vitest";
import { downAt, type ReportBatch, verdicts, WatchFold, watchRule } from "../../src/domain/aid/watch/verdict.ts";
import { batchJson, batchSchema } from "../../src/domain/aid/watch/reports.ts";

const MIN = 60_000;
const T0 = Date.parse("2026-11-01T00:00:00Z");
const S = "https://s.example/actor";
const [A, B, C, D] = ["a", "b", "c", "d"].map((x) => `https://${x}.example/actor`) as [string, string, string, string];
const members = new Set([S, A, B, C, D]);
const rule = watchRule({ k: 2, n: 2, interval: "PT5M" }); // window: 15 minutes

/** A batch of one check (most tests need no more). */
const r = (reporter: string, minute: number, ok: boolean, subject = S, service = "health"): ReportBatch => ({
  reporter,
  round: T0 + minute * MIN,
  at: T0 + minute * MIN,
  checks: [{ subject, service }],
  status: ok ? "1" : "0",
});
const judge = (reports: ReportBatch[], now = T0 + 60 * MIN) => verdicts(reports, members, rule, now);
const downMinutes = (reports: ReportBatch[], now?: number) =>
  judge(reports, now).map((v) => ({ down: v.down, at: v.transitions.map((t) => [(t.at - T0) / MIN, t.down]) }));

describe("the health verdict", () => {
  it("derives k = 2 (never less), n = 2 and a window of three intervals from the charter's values", () => {
    expect(watchRule()).toEqual({ k: 2, n: 2, windowMs: 15 * MIN, toleranceMs: MIN });
    expect(watchRule({ k: 1, interval: "PT1M" })).toEqual({ k: 2, n: 2, windowMs: 3 * MIN, toleranceMs: MIN });
    expect(watchRule({ k: 3, n: 4 }).k).toBe(3);
    expect(watchRule({ k: Number.NaN, n: Number.NaN })).toEqual(watchRule());
  });

  it("is down once two distinct members report it failing within the window", () => {
    expect(downMinutes([r(A, 0, false), r(B, 3, false)])).toEqual([{ down: true, at: [[3, true]] }]);
  });

  it("stays up when one member alone reports it failing, however often", () => {
    const lies = Array.from({ length: 12 }, (_, i) => r(A, i * 5, false));
    expect(downMinutes(lies)).toEqual([{ down: false, at: [] }]);
    expect(downMinutes([...lies, ...lies, ...lies])).toEqual([{ down: false, at: [] }]);
  });

  it("does not add up failures further apart than the window", () => {
    expect(downMinutes([r(A, 0, false), r(B, 15, false)])).toEqual([{ down: false, at: [] }]);
    expect(downMinutes([r(A, 0, false), r(B, 14, false)])).toEqual([{ down: true, at: [[14, true]] }]);
  });

  it("counts a reporter's latest report only: a failure it took back does not count", () => {
    expect(downMinutes([r(A, 0, false), r(A, 2, true), r(B, 3, false)])).toEqual([{ down: false, at: [] }]);
  });

  it("ignores what a member says about itself", () => {
    const self = [r(S, 0, false), r(S, 1, false), r(A, 2, false)];
    expect(downMinutes(self)).toEqual([{ down: false, at: [] }]);
    const aboutA = judge([r(A, 0, false, A), r(B, 1, false, A)]);
    expect(aboutA.map((v) => v.down)).toEqual([false]);
  });

  it("ignores reports by anyone who is not a current member", () => {
    const outsider = "https://x.example/actor";
    expect(downMinutes([r(outsider, 0, false), r(A, 1, false)])).toEqual([{ down: false, at: [] }]);
    const without = verdicts([r(A, 0, false), r(B, 1, false)], new Set([S, A]), rule, T0 + 60 * MIN);
    expect(without.map((v) => v.down)).toEqual([false]);
  });

  it("takes a member saying both ok and fail at one instant as saying nothing then", () => {
    expect(downMinutes([r(A, 0, false), r(A, 0, true), r(B, 0, false)])).toEqual([{ down: false, at: [] }]);
  });

  it("comes back up only after two members each sent two clean reports in a row", () => {
    const outage = [r(A, 0, false), r(B, 1, false), r(A, 5, true), r(B, 6, true)];
    expect(downMinutes(outage)).toEqual([{ down: true, at: [[1, true]] }]);
    expect(downMinutes([...outage, r(A, 10, true)])).toEqual([{ down: true, at: [[1, true]] }]);
    expect(downMinutes([...outage, r(A, 10, true), r(B, 11, true)])).toEqual([
      {
        down: false,
        at: [
          [1, true],
          [11, false],
        ],
      },
    ]);
  });

  it("is not kept down by one member that keeps reporting failures", () => {
    const liar = Array.from({ length: 12 }, (_, i) => r(C, 3 + i * 5, false));
    const outage = [r(A, 0, false), r(B, 1, false), r(A, 5, true), r(B, 6, true), r(A, 10, true), r(B, 11, true)];
    expect(downMinutes([...liar, ...outage])).toEqual([
      {
        down: false,
        at: [
          [1, true],
          [11, false],
        ],
      },
    ]);
  });

  it("gives the same verdicts whatever the order of arrival and however many duplicates", () => {
    const reports = [
      r(A, 0, false),
      r(B, 1, false),
      r(C, 2, false, S, "mail"),
      r(D, 3, false, S, "mail"),
      r(A, 5, true),
      r(B, 6, true),
      r(A, 10, true),
      r(B, 11, true),
      r(C, 4, false, A),
    ];
    const expected = judge(reports);
    expect(expected.map((v) => [v.subject, v.service, v.down])).toEqual([
      [A, "health", false],
      [S, "health", false],
      [S, "mail", true],
    ]);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 20; round++) {
      const shuffled = [...reports, ...reports.filter(() => rand() < 0.5)]
        .map((x) => ({ x, k: rand() }))
        .sort((p, q) => p.k - q.k)
        .map(({ x }) => ({ ...x }));
      expect(judge(shuffled)).toEqual(expected);
    }
  });

  it("lets a failure fall silent after the window, so an instance that stops reporting clears nothing by itself", () => {
    const quiet = [r(A, 0, false), r(B, 1, false)];
    // Down from minute 1; no one reports again: still down, because recovery needs clean reports.
    expect(downMinutes(quiet, T0 + 120 * MIN)).toEqual([{ down: true, at: [[1, true]] }]);
  });

  it("does not count a report that claims a time past now and the tolerance", () => {
    const now = T0 + 10 * MIN;
    expect(downMinutes([r(A, 9, false), r(B, 12, false)], now)).toEqual([{ down: false, at: [] }]);
    expect(downMinutes([r(A, 9, false), r(B, 10.5, false)], now)).toEqual([{ down: true, at: [[10.5, true]] }]);
  });

  it("answers whether it was down at a given time from its transitions", () => {
    const [v] = judge([r(A, 0, false), r(B, 1, false), r(A, 5, true), r(B, 6, true), r(A, 10, true), r(B, 11, true)]);
    expect(v).toBeDefined();
    if (!v) return;
    expect([0, 1, 5, 10.9, 11, 30].map((m) => downAt(v, T0 + m * MIN))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it("judges every check of one batch, and lets a batch equal to the last ones change nothing", () => {
    const checks = [
      { subject: S, service: "health" },
      { subject: S, service: "mail" },
      { subject: D, service: "health" },
    ];
    const batch = (reporter: string, minute: number, status: string): ReportBatch => ({
      reporter,
      round: T0 + (minute - 1) * MIN,
      at: T0 + minute * MIN,
      checks,
      status,
    });
    const batches = [0, 5, 10, 15, 20].flatMap((m) => [batch(A, m, "101"), batch(B, m + 1, "101"), batch(D, m, "101")]);
    const found = judge(batches).map((v) => [v.subject, v.service, v.down, v.transitions.length]);
    // D's checks of itself count for nothing: only A and B judge D, and they say ok.
    expect(found).toEqual([
      [D, "health", false, 0],
      [S, "health", false, 0],
      [S, "mail", true, 1],
    ]);
  });

  it("takes a reporter's two different batches for one round as saying nothing in that round", () => {
    const twice = { ...r(A, 0, true), round: T0 + 1 };
    const forged = { ...r(A, 0, false), round: T0 + 1, at: T0 + 2 * MIN };
    expect(downMinutes([twice, forged, r(B, 3, false)])).toEqual([{ down: false, at: [] }]);
    expect(downMinutes([twice, twice, r(A, 2, false), r(B, 3, false)])).toEqual([{ down: true, at: [[3, true]] }]);
  });

  it("folds in two steps to the same state as at once, wherever the cut, and names the voices behind it", () => {
    const reports = [
      r(A, 0, false),
      r(B, 1, false),
      r(C, 3, false),
      r(A, 5, true),
      r(B, 6, true),
      r(C, 8, false),
      r(A, 10, true),
      r(B, 11, true),
      r(A, 30, false),
      r(B, 31, false),
      r(D, 31, true),
    ];
    const end = T0 + 50 * MIN;
    const once = new WatchFold(members, rule);
    once.add(reports, end);
    expect(once.verdicts()).toEqual([
      {
        subject: S,
        service: "health",
        down: true,
        firstSeen: T0,
        transitions: [
          { at: T0 + MIN, down: true },
          { at: T0 + 11 * MIN, down: false },
          { at: T0 + 31 * MIN, down: true },
        ],
      },
    ]);
    // At minute 40 the voices of minutes 30 and 31 still speak; by 50 they have expired.
    expect(once.voicesOn(S, "health")).toEqual([]);
    const at40 = new WatchFold(members, rule);
    at40.add(reports, T0 + 40 * MIN);
    expect(at40.voicesOn(S, "health")).toEqual([
      { reporter: A, at: T0 + 30 * MIN, ok: false },
      { reporter: B, at: T0 + 31 * MIN, ok: false },
      { reporter: D, at: T0 + 31 * MIN, ok: true },
    ]);
    for (const cut of [0, 1, 4, 5.5, 11, 15, 16, 20, 25, 31, 40]) {
      const twice = new WatchFold(members, rule);
      twice.add(reports, T0 + cut * MIN);
      twice.add(reports, end);
      expect(twice.verdicts()).toEqual(once.verdicts());
    }
  });

  it("keeps the voices that speak now when it takes batches up to now and the tolerance", () => {
    const short = watchRule({ interval: "PT2S" }); // window 6 s, tolerance 60 s
    const now = T0 + 10 * MIN;
    const fold = new WatchFold(members, short);
    fold.add([r(A, 9.95, true), r(B, 9.97, true), r(C, 10.5, true)], now + short.toleranceMs, now);
    expect(fold.voicesOn(S, "health").map((v) => v.reporter)).toEqual([A, B, C]);
  });

  it("reads a batch from the wire and writes it back, refusing a bad status, time, address or repeat", () => {
    const wire = {
      reporter: A,
      round: "2026-11-01T00:55:00+01:00",
      at: "2026-11-01T01:00:00+01:00",
      checks: [{ subject: S }, { subject: S, service: "mail" }],
      status: "01",
    };
    const parsed = batchSchema.safeParse(wire);
    const checks = [
      { subject: S, service: "health" },
      { subject: S, service: "mail" },
    ];
    expect(parsed.data).toEqual({ reporter: A, round: T0 - 5 * MIN, at: T0, checks, status: "01" });
    expect(parsed.data && batchJson(parsed.data)).toEqual({
      reporter: A,
      round: "2026-10-31T23:55:00.000Z",
      at: "2026-11-01T00:00:00.000Z",
      checks,
      status: "01",
    });
    for (const bad of [
      { ...wire, status: "0" },
      { ...wire, status: "0x" },
      { ...wire, at: "yesterday" },
      { ...wire, round: "2026-11-01T02:00:00+01:00" },
      { ...wire, reporter: "javascript:alert(1)" },
      { ...wire, checks: [{ subject: S, service: "<b>" }, { subject: S }] },
      { ...wire, checks: [{ subject: S }, { subject: S }] },
      { ...wire, extra: 1 },
    ])
      expect(batchSchema.safeParse(bad).success).toBe(false);
  });
});
