// Decisions between real instances: a member that was down during a vote catches up by anti-entropy
// and computes the same outcome; an amendment gives the next motion its rules.
import { afterEach, describe, expect, it } from "vitest";
import {
  agree,
  charter,
  decided,
  decisionAbout,
  motionArrives,
  networkOf,
  networkOn,
  type Node,
  propose,
  startNodes,
  stopNodes,
  vote,
} from "../helpers/network-instances.ts";

describe("decisions between real instances", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("C is down while A and B decide a motion; back up, it catches up and agrees", { timeout: 300_000 }, async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const key = await networkOf([a, b, c]);

    let motion: { key: string; id: string } | undefined;
    let whileDown: { head: string; decisions: unknown[] } | undefined;
    await c.restart(async () => {
      motion = await propose(a, key, { kind: "resolution", text: "Share one status page." });
      await motionArrives(b, key, motion!.key);
      await vote(a, key, motion!.key, "yes");
      await vote(b, key, motion!.key, "yes");
      whileDown = await agree([a, b], key, (r) => r.decisions.length === 4);
    });
    if (!motion || !whileDown) throw new Error("nothing was decided while C was down");
    expect(decisionAbout(whileDown, motion)).toMatchObject({
      outcome: "passed",
      tally: { yes: 2, no: 0, electorate: 3, quorum: 2 },
    });

    // C never received the motion nor the ballots by delivery while it was down: it fetches them.
    const record = await agree([a, b, c], key, (r) => r.decisions.length === 4);
    expect(record.head).toBe(whileDown.head);
    expect(await decided(c, key, motion.key)).toMatchObject({ state: "passed", tally: { yes: 2, electorate: 3 } });
  });

  it("an amendment that passes gives the next motion its rules", { timeout: 300_000 }, async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    // Version 1: a resolution needs a ballot from every member.
    const key = await networkOf([a, b], charter({ resolution: { quorum: 1 } }));

    const before = await propose(a, key, { kind: "resolution", text: "Adopt a shared status page." });
    const amendment = await propose(a, key, {
      kind: "amendment",
      text: "Half of us are enough to pass a resolution.",
      charter: { purpose: "Hosting for social movements.", ...charter({ resolution: { quorum: 0.5 } }) },
    });
    expect(before.charter).toBe(1);
    for (const m of [before, amendment]) await motionArrives(b, key, m.key);
    await vote(a, key, before.key, "yes");
    await vote(a, key, amendment.key, "yes");
    await vote(b, key, amendment.key, "yes");
    // Under version 1, A's ballot alone is short of the quorum.
    expect(await decided(a, key, before.key)).toMatchObject({ state: "failed", tally: { yes: 1, quorum: 2 } });
    expect(await decided(a, key, amendment.key)).toMatchObject({ state: "passed" });
    const amended = await agree([a, b], key, (r) => r.decisions.length === 4);
    for (const node of [a, b])
      expect((await networkOn(node, key)).charter).toMatchObject({
        version: 2,
        rules: { resolution: { quorum: 0.5 } },
      });

    const after = await propose(a, key, { kind: "resolution", text: "Adopt a shared status page." });
    expect(after.charter).toBe(2);
    await motionArrives(b, key, after.key);
    await vote(a, key, after.key, "yes");
    // Under version 2, the same single ballot is enough.
    expect(await decided(a, key, after.key)).toMatchObject({ state: "passed", tally: { yes: 1, quorum: 1 } });
    const record = await agree([a, b], key, (r) => r.decisions.length === 5);
    expect(record.decisions[3].digest).toBe(amended.decisions[3].digest);
    expect(decisionAbout(record, after)).toMatchObject({ outcome: "passed", charter: 2 });
  });
});
