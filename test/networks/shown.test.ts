// What a member announces when its record changes: membership changes (every member at once when it
// first becomes one), passed resolutions, the answer to an application it put, and a fork when a decision
// it showed changed; and its own status while applying, leaving or once in.
import { describe, expect, it } from "vitest";
import { idOf } from "../../src/domain/networks/objects.ts";
import { changesSince, statusBy } from "../../src/domain/networks/shown.ts";
import { A, B, C, admitAll, ballot, closing, fold, genesis, HOUR, motion, pile, T0 } from "./builders.ts";

const nothingShown = { decisions: [], members: {} };

describe("what a member announces", () => {
  it("announces every member when it first becomes one, and then only what changed", () => {
    const g = genesis();
    const p = pile();
    const after = admitAll(p, [B, C]);
    const record = fold(g, p, after);

    const onB = changesSince(record, { decisions: [], members: { [A]: "member" } }, B, "member");
    expect(onB.events).toEqual([
      { commonhost: "network.membership.changed", network: g.network, member: A, from: "member", to: "member" },
      { commonhost: "network.membership.changed", network: g.network, member: B, from: "none", to: "member" },
      { commonhost: "network.membership.changed", network: g.network, member: C, from: "none", to: "member" },
    ]);

    const shown = { decisions: record.decisions.slice(0, 2), members: { [A]: "member", [B]: "member" } };
    const onA = changesSince(record, shown, A, "member");
    expect(onA.events.filter((e) => e.commonhost === "network.membership.changed")).toEqual([
      { commonhost: "network.membership.changed", network: g.network, member: C, from: "none", to: "member" },
    ]);
    // A opened C's admission: C hears the network's answer from A.
    expect(onA.events.filter((e) => e.commonhost !== "network.membership.changed")).toEqual([
      { commonhost: "network.application.answered", network: g.network, applicant: C, accepted: true },
    ]);
    expect(onA.fork).toBeUndefined();
    expect(changesSince(record, { decisions: record.decisions, members: onA.members }, A, "member").events).toEqual([]);
  });

  it("announces a passed resolution once, and keeps a fork when a shown decision changed", () => {
    const g = genesis();
    const p = pile();
    const t = admitAll(p, [B]);
    const resolution = motion(A, "resolution", t);
    p.motions.push(resolution);
    const yes = ballot(resolution, A, "yes", t + 1000);
    const alsoYes = ballot(resolution, B, "yes", t + 2000);
    p.ballots.push(yes, alsoYes);
    p.closings.push(closing(resolution, B, [yes, alsoYes], t + 14 * 24 * HOUR));
    const record = fold(g, p, t + 15 * 24 * HOUR);
    const members = { [A]: "member", [B]: "member" };
    const changes = changesSince(record, { decisions: record.decisions.slice(0, 2), members }, A, "member");
    expect(changes.events).toEqual([
      { commonhost: "network.resolution.passed", network: g.network, motion: idOf(resolution) },
    ]);

    const forged = record.decisions.map((d, i) => (i === 1 ? { seq: 1, digest: "sha256:other" } : d));
    expect(changesSince(record, { decisions: forged, members }, A, "member").fork).toEqual({
      seq: 1,
      ours: record.decisions[1]!.digest,
      theirs: "sha256:other",
    });
  });

  it("takes an applicant's status from its application, and shows a departure at once", () => {
    const record = fold(genesis(), pile(), T0 + HOUR);
    // An applicant's partial record proves nothing about it, either way.
    expect(statusBy(record, B, "applicant")).toBe("applicant");
    expect(statusBy(record, A, "rejected")).toBe("rejected");
    expect(statusBy(record, A, "member")).toBe("member");
    expect(statusBy(record, A, "left")).toBe("left");
    expect(statusBy(undefined, A, "member")).toBe("member");
    expect(changesSince(record, nothingShown, A, "member").events).toEqual([
      {
        commonhost: "network.membership.changed",
        network: record.network,
        member: A,
        from: "none",
        to: "member",
      },
    ]);
  });
});
