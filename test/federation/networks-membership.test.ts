// Networks between real instances on 127.0.0.1, through the operator API only: founding, admissions
// through the founder and through another member, a block, and leaving. Every instance computes the
// decision record itself; the tests check that they all hold the same one.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import {
  admit,
  agree,
  charter,
  DECIDED_WITHIN_MS,
  decided,
  decisionAbout,
  found,
  join,
  memberState,
  motionArrives,
  networkOf,
  networkOn,
  type Node,
  openMotionAbout,
  startNodes,
  statusOn,
  stopNodes,
  vote,
  WINDOW,
} from "../helpers/network-instances.ts";

describe("networks between real instances", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a provider founds a network: it is its only member, under charter version 1", { timeout: 120_000 }, async () => {
    nodes = await startNodes(1);
    const [a] = nodes as [Node];
    const created = await found(a, "Tech Co-ops");
    expect(created.key).toMatch(/^[0-9a-f]{20}$/);
    expect(created.id).toBe(`${a.origin}/networks/${created.key}`);

    const network = await networkOn(a, created.key);
    expect(network).toMatchObject({
      key: created.key,
      id: created.id,
      name: "Tech Co-ops",
      status: "member",
      members: [{ actor: a.actor, state: "member" }],
      charter: { version: 1, rules: { admission: { window: WINDOW, quorum: 0.5, threshold: 0.5, block: true } } },
    });
    expect(network.charter.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const record = await agree([a], created.key);
    expect(record.decisions).toHaveLength(1);
    expect(record.decisions[0]).toMatchObject({ kind: "founded", name: "Tech Co-ops", founder: a.actor, seq: 0 });
    expect(record.decisions[0].previous).toBeNull();
    expect(record.head).toBe(record.decisions[0].digest);

    // What the public may see: the network's JSON-LD and its member collection, unsigned.
    const page = await fetch(`${a.origin}/networks/${created.key}`, {
      headers: { Accept: "application/activity+json" },
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ id: created.id, name: "Tech Co-ops" });
    const members = await fetch(`${a.origin}/networks/${created.key}/members`, {
      headers: { Accept: "application/activity+json" },
    });
    expect(members.status).toBe(200);
    expect(await members.json()).toMatchObject({ type: "OrderedCollection", orderedItems: [a.actor] });

    // A window shorter than NETWORK_MIN_WINDOW is refused, and founds nothing.
    const tooShort = await a.call("POST", "/api/v1/networks", {
      name: "Hasty",
      purpose: "",
      charter: charter({ resolution: { window: "PT1S" } }),
    });
    expect(tooShort.status).toBe(422);
    expect((await a.call("GET", "/api/v1/networks")).body).not.toContainEqual(
      expect.objectContaining({ name: "Hasty" }),
    );
  });

  it("B applies through the founder A and is admitted on both", { timeout: 180_000 }, async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const { key } = await found(a);
    await join(b, a, key);
    expect(await networkOn(b, key)).toMatchObject({ key, status: "applicant" });

    const motion = await openMotionAbout(a, key, b.actor);
    expect(motion).toMatchObject({ kind: "admission", subject: b.actor, state: "open" });
    expect(motion.tally).toMatchObject({ yes: 0, no: 0, abstain: 0, block: 0, electorate: 1 });
    await vote(a, key, motion.key, "yes");
    expect((await a.call("GET", `/api/v1/networks/${key}/motions`)).body).toContainEqual(
      expect.objectContaining({ key: motion.key, tally: expect.objectContaining({ yes: 1 }) }),
    );

    await statusOn(b, key, "member");
    const record = await agree([a, b], key, (r) => r.decisions.length === 2);
    expect(decisionAbout(record, motion)).toMatchObject({ kind: "motion", motionKind: "admission", outcome: "passed" });
    expect(record.decisions[1].previous).toBe(record.decisions[0].digest);
    for (const node of [a, b]) {
      expect((await networkOn(node, key)).members.map((m: { actor: string }) => m.actor).sort()).toEqual(
        [a.actor, b.actor].sort(),
      );
      expect(await decided(node, key, motion.key)).toMatchObject({ state: "passed" });
    }
  });

  it("C applies through B, not through the founder, and is admitted everywhere", { timeout: 240_000 }, async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const { key } = await found(a);
    await admit(key, b, a, [a], [a, b]);

    await join(c, b, key);
    const motion = await openMotionAbout(b, key, c.actor);
    expect(motion.by).toBe(b.actor);
    expect(motion.tally.electorate).toBe(2);
    for (const voter of [a, b]) {
      await motionArrives(voter, key, motion.key);
      await vote(voter, key, motion.key, "yes");
    }
    await statusOn(c, key, "member");
    const record = await agree([a, b, c], key, (r) => r.decisions.length === 3);
    expect(decisionAbout(record, motion)).toMatchObject({ outcome: "passed", tally: { yes: 2, electorate: 2 } });
    for (const node of [a, b, c]) expect(await memberState(node, key, c.actor)).toBe("member");
  });

  it("one block stops D's admission, on every member", { timeout: 240_000 }, async () => {
    nodes = await startNodes(4);
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    const key = await networkOf([a, b, c]);

    await join(d, a, key);
    const motion = await openMotionAbout(a, key, d.actor);
    for (const voter of [a, b]) {
      await motionArrives(voter, key, motion.key);
      await vote(voter, key, motion.key, "yes");
    }
    await motionArrives(c, key, motion.key);
    // A block needs a reason.
    const bare = await c.call("POST", `/api/v1/networks/${key}/motions/${motion.key}/ballot`, { choice: "block" });
    expect(bare.status).toBe(422);
    await vote(c, key, motion.key, "block", "They resell their users' data.");

    await statusOn(d, key, "rejected");
    const record = await agree([a, b, c], key, (r) => r.decisions.length === 4);
    expect(decisionAbout(record, motion)).toMatchObject({
      outcome: "failed",
      tally: { yes: 2, no: 0, block: 1, electorate: 3 },
    });
    for (const node of [a, b, c]) {
      expect(await decided(node, key, motion.key)).toMatchObject({ state: "failed" });
      expect(await memberState(node, key, d.actor)).toBeUndefined();
    }
  });

  it("B leaves: its status is `left`, and every member records the departure", { timeout: 240_000 }, async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const key = await networkOf([a, b, c]);

    const left = await b.call("POST", `/api/v1/networks/${key}/leave`);
    expect(left.status, JSON.stringify(left.body)).toBeLessThan(300);
    expect((await networkOn(b, key)).status).toBe("left");

    const record = await agree([a, c], key, (r) => r.decisions.length === 4);
    expect(record.decisions[3]).toMatchObject({ kind: "left", member: b.actor, seq: 3 });
    for (const node of [a, c])
      await eventually(
        async () => (await memberState(node, key, b.actor)) !== "member",
        DECIDED_WITHIN_MS,
        `${node.handle} to drop ${b.handle}`,
      );
    // Listed as having left, or no longer listed.
    expect(["left", undefined]).toContain(await memberState(a, key, b.actor));
    // B's own record holds its departure too.
    expect((await agree([b], key, (r) => r.decisions.length === 4)).head).toBe(record.head);
    // A member that has left can no longer vote.
    const motion = await a.call("POST", `/api/v1/networks/${key}/motions`, {
      kind: "resolution",
      text: "Meet in May.",
    });
    expect(motion.status).toBe(201);
    const refused = await b.call("POST", `/api/v1/networks/${key}/motions/${motion.body.key}/ballot`, {
      choice: "yes",
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });
});
