// Ballots that must not count, delivered to a member's inbox as a hostile or careless peer would send
// them: a proof over other bytes, a proof by another actor's key, a ballot from outside the network, a
// ballot after the close. Each is refused with a 4xx and changes nothing on any member.
import { afterEach, describe, expect, it } from "vitest";
import { digestOf } from "../../src/domain/networks/canonical.ts";
import { ballotDocument, deliver, fetchDocument, proofKeyOf } from "../helpers/network-documents.ts";
import {
  agree,
  charter,
  decided,
  decisionAbout,
  DELIVERED_WITHIN_MS,
  hexOf,
  motionArrives,
  motionOn,
  networkOf,
  networkOn,
  type Node,
  propose,
  quiet,
  snapshot,
  startNodes,
  stopNodes,
  vote,
} from "../helpers/network-instances.ts";
import { eventually } from "../helpers/instance.ts";

const refused = (res: Response) => res.status >= 400 && res.status < 500;

describe("ballots that must not count", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a forged ballot, an outsider's and a late one are refused and change nothing", { timeout: 300_000 }, async () => {
    nodes = await startNodes(3);
    const [a, b, d] = nodes as [Node, Node, Node];
    // The motion under test stays open while the test delivers to it and compares states.
    const key = await networkOf([a, b], charter({ resolution: { window: "PT30S" } }));
    const network = (await networkOn(a, key)).id as string;
    const motion = await propose(a, key, { kind: "resolution", text: "Publish our uptime every month." });
    await motionArrives(b, key, motion.key);
    await vote(a, key, motion.key, "yes");
    const motionDigest = `sha256:${hexOf(motion.id)}`;

    // A's ballot as every member holds it, signed by A: read through B's signature.
    const mine = (await motionOn(a, key, motion.key)).mine;
    const engineBallot = {
      type: "Ballot",
      network,
      motion: motionDigest,
      by: a.actor,
      choice: "yes",
      published: mine.published,
    };
    const genuine = await fetchDocument(b, a, key, hexOf(digestOf(engineBallot)));
    expect(genuine).toMatchObject({ type: "Ballot", by: a.actor, choice: "yes", motion: motionDigest });
    await eventually(
      async () => (await motionOn(b, key, motion.key))?.tally.yes === 1,
      DELIVERED_WITHIN_MS,
      "B to count A's ballot",
    );
    const before = await snapshot([a, b], key, motion.key);

    // Relayed byte for byte by another member: accepted, and a duplicate.
    expect((await deliver(b, a, network, genuine)).status).toBeLessThan(300);
    // The same document with its choice changed: the proof no longer covers it.
    expect(refused(await deliver(b, a, network, { ...genuine, choice: "no" }))).toBe(true);
    // A ballot in A's name with a valid proof by B's key.
    const inAsName = await ballotDocument(
      { network, motion: motionDigest, by: a.actor, choice: "no", published: new Date().toISOString() },
      await proofKeyOf(b),
    );
    expect(refused(await deliver(b, a, network, inAsName))).toBe(true);
    // D is no member: its own ballot, properly signed by its own key.
    const outsider = await ballotDocument(
      { network, motion: motionDigest, by: d.actor, choice: "no", published: new Date().toISOString() },
      await proofKeyOf(d),
    );
    expect(refused(await deliver(d, a, network, outsider))).toBe(true);
    expect(refused(await deliver(d, b, network, outsider))).toBe(true);
    for (const node of [a, b, d]) await quiet(node);
    expect(await snapshot([a, b], key, motion.key)).toEqual(before);

    // The same way of signing and sending, by B for itself, is accepted: what was refused was the forgery.
    const own = await ballotDocument(
      { network, motion: motionDigest, by: b.actor, choice: "abstain", published: new Date().toISOString() },
      await proofKeyOf(b),
    );
    expect((await deliver(b, a, network, own)).status).toBeLessThan(300);
    await eventually(
      async () => (await motionOn(a, key, motion.key))?.tally.abstain === 1,
      DELIVERED_WITHIN_MS,
      "A to count B's abstention",
    );

    const closed = await decided(a, key, motion.key);
    const record = await agree([a, b], key, (r) => r.decisions.length === 4);
    expect(decisionAbout(record, motion)).toMatchObject({ outcome: "passed", tally: { yes: 1, no: 0, abstain: 1 } });
    const after = await snapshot([a, b], key, motion.key);

    // After the close: a ballot dated before it, and a ballot through the API.
    const late = await ballotDocument(
      {
        network,
        motion: motionDigest,
        by: b.actor,
        choice: "block",
        reason: "I saw the others' ballots.",
        published: new Date(Date.parse(closed.closesAt) - 1000).toISOString(),
      },
      await proofKeyOf(b),
    );
    expect(refused(await deliver(b, a, network, late))).toBe(true);
    const api = await b.call("POST", `/api/v1/networks/${key}/motions/${motion.key}/ballot`, {
      choice: "block",
      reason: "Too late.",
    });
    expect(api.status).toBeGreaterThanOrEqual(400);
    expect(api.status).toBeLessThan(500);
    for (const node of [a, b]) await quiet(node);
    expect(await snapshot([a, b], key, motion.key)).toEqual(after);
    expect((await agree([a, b], key)).head).toBe(record.head);
  });
});
