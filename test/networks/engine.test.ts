import { describe, expect, it } from "vitest";
import { canonicalJson, digestOf } from "../../src/domain/networks/canonical.ts";
import { charterAt, DEFAULT_RULE, parseCharter } from "../../src/domain/networks/charter.ts";
import { durationMs } from "../../src/domain/networks/duration.ts";
import { idOf } from "../../src/domain/networks/objects.ts";
import { tallyMotion } from "../../src/domain/networks/tally.ts";
import {
  A,
  admitAll,
  B,
  ballot,
  C,
  charterBody,
  closing,
  D,
  E,
  fold,
  genesis,
  HOUR,
  iso,
  leave,
  motion,
  pile,
  T0,
} from "./builders.ts";

describe("canonical JSON and digests", () => {
  it("sorts keys, drops undefined members and hashes the bytes", () => {
    expect(canonicalJson({ b: "x", a: [1, true, null], c: undefined })).toBe('{"a":[1,true,null],"b":"x"}');
    // sha256 of the line above, computed outside the project.
    expect(digestOf({ b: "x", a: [1, true, null] })).toBe(
      "sha256:64156349ae56ec12c2431d0fc0bead67422a2e73b75e882a5853482b247aa396",
    );
  });
});

describe("ISO 8601 windows", () => {
  it("reads exact units and refuses the rest", () => {
    expect(durationMs("P14D")).toBe(14 * 86_400_000);
    expect(durationMs("PT1H30M")).toBe(5_400_000);
    expect(durationMs("PT5S")).toBe(5000);
    expect(durationMs("P1W")).toBe(604_800_000);
    for (const bad of ["P1M", "P", "PT", "14D", "P1Y", "PT-5S"]) expect(durationMs(bad)).toBeUndefined();
  });
});

describe("charters", () => {
  it("fills unnamed kinds with the default rule and refuses windows under the minimum", () => {
    const c = parseCharter(
      { rules: { admission: { window: "PT1H", quorum: 0.3, threshold: 0.6, block: false } } },
      1000,
    );
    expect(c.ok && c.value.rules.admission).toEqual({ window: "PT1H", quorum: 0.3, threshold: 0.6, block: false });
    expect(c.ok && c.value.rules.expulsion).toEqual(DEFAULT_RULE);
    const short = parseCharter({ rules: { resolution: { window: "PT5S" } } }, 3_600_000);
    expect(short.ok ? null : short.failure.code).toBe("network.window_too_short");
    expect(parseCharter({ rules: { coup: {} } }, 1000).ok).toBe(false);
    expect(parseCharter({ rules: { admission: { threshold: 1 } } }, 1000).ok).toBe(false);
    expect(parseCharter({ rules: { admission: { quorum: 1.5 } } }, 1000).ok).toBe(false);
  });

  it("gives each version its own digest, and equal bodies equal digests", () => {
    const body = charterBody();
    expect(charterAt(body, 1).digest).toBe(charterAt(charterBody(), 1).digest);
    expect(charterAt(body, 2).digest).not.toBe(charterAt(body, 1).digest);
  });
});

describe("the health watch's k in the charter", () => {
  it("is optional, at least 2, and changes the digest only when set", () => {
    const plain = parseCharter({}, 1000);
    const set = parseCharter({ watchReporters: 3 }, 1000);
    if (!plain.ok || !set.ok) throw new Error("charters refused");
    expect(plain.value.watchReporters).toBeUndefined();
    expect(set.value.watchReporters).toBe(3);
    expect(charterAt(plain.value, 1)).not.toHaveProperty("watchReporters");
    expect(charterAt(set.value, 1).digest).not.toBe(charterAt(plain.value, 1).digest);
    for (const bad of [1, 2.5, "3", 101]) expect(parseCharter({ watchReporters: bad }, 1000).ok).toBe(false);
  });
});

describe("the tally", () => {
  const rule = { window: "PT1H", quorum: 0.5, threshold: 0.5, block: true };
  const voters = new Set(["a", "b", "c", "d"]);
  it("needs the quorum, more yes than the threshold, and no block", () => {
    const yes2 = [
      { by: "a", choice: "yes" as const },
      { by: "b", choice: "yes" as const },
    ];
    expect(tallyMotion(rule, voters, new Set(), yes2)).toEqual({
      tally: { yes: 2, no: 0, abstain: 0, block: 0, electorate: 4, counted: 4, quorum: 2 },
      passed: true,
    });
    expect(tallyMotion(rule, voters, new Set(), yes2.slice(0, 1)).passed).toBe(false);
    const split = [...yes2, { by: "c", choice: "no" as const }, { by: "d", choice: "no" as const }];
    expect(tallyMotion(rule, voters, new Set(), split).passed).toBe(false);
    const blocked = [...yes2, { by: "c", choice: "yes" as const }, { by: "d", choice: "block" as const }];
    expect(tallyMotion(rule, voters, new Set(), blocked).passed).toBe(false);
    expect(tallyMotion({ ...rule, block: false }, voters, new Set(), blocked).passed).toBe(true);
  });

  it("leaves silent paused members out of the quorum, and counts each voter once", () => {
    const one = [{ by: "a", choice: "yes" as const }];
    expect(tallyMotion(rule, voters, new Set(["b", "c"]), one)).toMatchObject({
      tally: { counted: 2, quorum: 1 },
      passed: true,
    });
    const twice = [
      { by: "a", choice: "yes" as const },
      { by: "a", choice: "yes" as const },
    ];
    expect(tallyMotion(rule, voters, new Set(), twice).tally.yes).toBe(1);
    expect(tallyMotion(rule, voters, new Set(), [{ by: "z", choice: "yes" }]).tally.yes).toBe(0);
  });
});

describe("the decision record", () => {
  it("starts with the founding, and admits by the members' witnessed ballots", () => {
    const p = pile();
    const t = admitAll(p, [B, C]);
    const r = fold(genesis(), p, t);
    expect(r.decisions.map((d) => d.kind)).toEqual(["founded", "motion", "motion"]);
    expect([...r.members.keys()].sort()).toEqual([A, B, C]);
    expect(r.decisions[1]).toMatchObject({ outcome: "passed", subject: B, seq: 1, previous: r.decisions[0]!.digest });
    expect(r.decisions[2]).toMatchObject({ previous: r.decisions[1]!.digest, tally: { yes: 2, electorate: 2 } });
    expect(r.head).toBe(r.decisions[2]!.digest);
  });

  it("is the same whatever order the inputs arrive in", () => {
    const p = pile();
    const t = admitAll(p, [B, C, D, E]);
    const reversed = {
      motions: [...p.motions].reverse(),
      ballots: [...p.ballots].reverse(),
      closings: [...p.closings].reverse(),
      leaves: [],
    };
    expect(fold(genesis(), reversed, t).head).toBe(fold(genesis(), p, t).head);
  });

  it("does not decide before the settlement delay, and keeps the motion open with a live tally", () => {
    const p = pile();
    const m = motion(A, "admission", T0 + HOUR, { subject: B });
    p.motions.push(m);
    p.ballots.push(ballot(m, A, "yes", T0 + HOUR + 1000));
    const r = fold(genesis(), p, T0 + 2 * HOUR + 30_000, 60_000);
    expect(r.motions.get(idOf(m))).toMatchObject({ status: "open", tally: { yes: 1 } });
    expect(r.decisions).toHaveLength(1);
  });

  it("counts a ballot only when another member's closing saw it before the close", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    const m = motion(B, "resolution", t);
    p.motions.push(m);
    const early = ballot(m, A, "yes", t + 1000);
    // C's ballot claims a time before the close but nobody received it before the close.
    const late = ballot(m, C, "no", t + 2000);
    p.ballots.push(early, late);
    p.closings.push(closing(m, B, [early], t + 14 * 86_400_000), closing(m, C, [late], t + 14 * 86_400_000));
    const r = fold(genesis(), p, t + 15 * 86_400_000);
    const state = r.motions.get(idOf(m))!;
    expect(state.ballots.map((b) => b.by)).toEqual([A]);
    // Once A's closing lists it (A received it in time), it counts.
    p.closings.push(closing(m, A, [late], t + 14 * 86_400_000));
    expect(
      fold(genesis(), p, t + 15 * 86_400_000)
        .motions.get(idOf(m))!
        .ballots.map((b) => b.by),
    ).toEqual([A, C]);
  });

  it("lets a later ballot replace an earlier one and ignores ballots after the close", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    const m = motion(A, "admission", t, { subject: D });
    const first = ballot(m, B, "no", t + 1000);
    const second = ballot(m, B, "yes", t + 2000);
    const afterClose = ballot(m, C, "block", t + HOUR + 1, "too late");
    p.motions.push(m);
    p.ballots.push(second, first, afterClose, ballot(m, A, "yes", t + 1000));
    p.closings.push(closing(m, D, [first, second, afterClose, ...p.ballots.slice(-1)], t + HOUR));
    const r = fold(genesis(), p, t + 2 * HOUR);
    expect(r.motions.get(idOf(m))).toMatchObject({ status: "passed", tally: { yes: 2, no: 0, block: 0 } });
    expect(r.members.get(D)?.status).toBe("member");
  });

  it("is stopped by one block with a reason", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    const m = motion(A, "admission", t, { subject: D });
    const bs = [ballot(m, A, "yes", t + 1), ballot(m, B, "yes", t + 2), ballot(m, C, "block", t + 3, "not aligned")];
    p.motions.push(m);
    p.ballots.push(...bs);
    p.closings.push(closing(m, D, bs, t + HOUR));
    const r = fold(genesis(), p, t + 2 * HOUR);
    expect(r.motions.get(idOf(m))).toMatchObject({ status: "failed", tally: { yes: 2, block: 1 } });
    expect(r.members.has(D)).toBe(false);
  });

  it("pauses members who miss motions, and un-pauses them when they vote", () => {
    const p = pile();
    admitAll(p, [B, C, D]); // pauseAfterMissed: 2 in the builders' charter
    let t = T0 + 10 * HOUR;
    const resolutions = [];
    for (let i = 0; i < 3; i++) {
      const m = motion(A, "resolution", t);
      resolutions.push(m);
      const bs = [
        ballot(m, A, "yes", t + 1),
        ballot(m, B, "yes", t + 2),
        ...(i === 2 ? [ballot(m, D, "yes", t + 3)] : []),
      ];
      p.motions.push(m);
      p.ballots.push(...bs);
      p.closings.push(closing(m, C, bs, t + 14 * 86_400_000));
      t += 15 * 86_400_000;
    }
    const r = fold(genesis(), p, t);
    // C and D missed two resolutions: paused when the third opened, so it needed 2 of 2... then D voted.
    expect(r.motions.get(idOf(resolutions[2]!))!.paused).toEqual([C, D]);
    expect(r.motions.get(idOf(resolutions[2]!))!.tally).toMatchObject({ electorate: 4, counted: 3, quorum: 2 });
    expect(r.members.get(D)).toMatchObject({ paused: false, missed: 0 });
    expect(r.members.get(C)).toMatchObject({ paused: true, missed: 3 });
  });

  it("suspends until a date, takes the vote away meanwhile, then ends the suspension", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    const until = t + 20 * 86_400_000;
    const m = motion(A, "suspension", t, { subject: C, until: iso(until) });
    const bs = [ballot(m, A, "yes", t + 1), ballot(m, B, "yes", t + 2)];
    p.motions.push(m);
    p.ballots.push(...bs);
    p.closings.push(closing(m, B, bs, t + 14 * 86_400_000), closing(m, C, bs, t + 14 * 86_400_000));
    const during = fold(genesis(), p, t + 15 * 86_400_000);
    expect(during.members.get(C)).toMatchObject({ status: "suspended", until });
    const opened = motion(C, "resolution", t + 15 * 86_400_000);
    p.motions.push(opened);
    const after = fold(genesis(), p, until + 86_400_000);
    expect(after.motions.get(idOf(opened))).toMatchObject({ status: "void", voidReason: "not_member" });
    expect(after.members.get(C)?.status).toBe("member");
    expect(after.decisions.at(-1)).toMatchObject({ kind: "suspension-ended", member: C });
  });

  it("makes the next charter version from a passed amendment; later motions cite it, stale ones are void", () => {
    const p = pile();
    admitAll(p, [B]);
    const t = T0 + 10 * HOUR;
    const next = charterBody({ rules: { admission: { window: "PT2H", quorum: 1, threshold: 0.5, block: true } } });
    const m = motion(A, "amendment", t, { amendment: next });
    const bs = [ballot(m, A, "yes", t + 1), ballot(m, B, "yes", t + 2)];
    p.motions.push(m);
    p.ballots.push(...bs);
    p.closings.push(closing(m, B, bs, t + 14 * 86_400_000), closing(m, A, bs, t + 14 * 86_400_000));
    const t2 = t + 15 * 86_400_000;
    const stale = motion(A, "admission", t2, { subject: C });
    const current = motion(A, "admission", t2, { subject: D, charter: 2 });
    p.motions.push(stale, current);
    const r = fold(genesis(), p, t2 + 3 * HOUR);
    expect(r.charter.version).toBe(2);
    expect(r.motions.get(idOf(stale))).toMatchObject({ status: "void", voidReason: "stale_charter" });
    expect(r.motions.get(idOf(current))!.closesAt).toBe(t2 + 2 * HOUR);
  });

  it("records a departure and drops the member from later electorates", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const t = T0 + 10 * HOUR;
    p.leaves.push(leave(C, t));
    const m = motion(A, "resolution", t + HOUR);
    p.motions.push(m);
    const r = fold(genesis(), p, t + 2 * HOUR);
    expect(r.members.get(C)?.status).toBe("left");
    expect(r.decisions.at(-1)).toMatchObject({ kind: "left", member: C });
    expect(r.motions.get(idOf(m))!.electorate).toEqual([A, B]);
  });

  it("voids a motion that no other member saw before its close", () => {
    const p = pile();
    admitAll(p, [B]);
    const t = T0 + 10 * HOUR;
    const m = motion(A, "resolution", t);
    p.motions.push(m);
    p.ballots.push(ballot(m, A, "yes", t + 1));
    p.closings.push(closing(m, A, p.ballots.slice(-1), t + 14 * 86_400_000));
    const r = fold(genesis(), p, t + 15 * 86_400_000);
    expect(r.motions.get(idOf(m))).toMatchObject({ status: "void", voidReason: "unwitnessed" });
  });
});

describe("NETWORK_MIN_WINDOW", () => {
  it("defaults to an hour, reads ISO 8601 durations, and names itself when wrong", async () => {
    const { loadConfig, ConfigError } = await import("../../src/config.ts");
    expect(loadConfig({}).networkMinWindowMs).toBe(3_600_000);
    expect(loadConfig({ NETWORK_MIN_WINDOW: "PT5S" }).networkMinWindowMs).toBe(5000);
    for (const bad of ["1h", "P1M", "PT0S"]) {
      expect(() => loadConfig({ NETWORK_MIN_WINDOW: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ NETWORK_MIN_WINDOW: bad })).toThrow(/NETWORK_MIN_WINDOW: /);
    }
  });
});
