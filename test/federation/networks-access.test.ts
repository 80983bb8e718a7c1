// Network-only material between real instances: motions and the sync endpoints answer only requests
// signed by a current member's key (404 to anyone else, unsigned included), and a suspension revokes
// that access, and the vote, on every member.
import { afterEach, describe, expect, it } from "vitest";
import { ballotDocument, deliver, fetchDocument, proofKeyOf, signedBy } from "../helpers/network-documents.ts";
import { eventually } from "../helpers/instance.ts";
import {
  agree,
  charter,
  DECIDED_WITHIN_MS,
  decided,
  hexOf,
  memberState,
  motionArrives,
  networkOf,
  networkOn,
  type Node,
  propose,
  quiet,
  snapshot,
  startNodes,
  statusOn,
  stopNodes,
  vote,
} from "../helpers/network-instances.ts";

const ALL_BUCKETS = "0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f";

/** The network-only reads of a motion on a member, as paths of GETs and one POST body. */
function reads(key: string, hex: string) {
  return {
    gets: [
      `/networks/${key}/objects/${hex}`,
      `/networks/${key}/sync`,
      `/networks/${key}/sync/motions`,
      `/networks/${key}/sync/motions/ids?buckets=${ALL_BUCKETS}&limit=100`,
    ],
    post: { path: `/networks/${key}/sync/objects`, body: JSON.stringify({ ids: [`sha256:${hex}`] }) },
  };
}

async function statuses(reader: Node | undefined, on: Node, key: string, hex: string, text: string) {
  const { gets, post } = reads(key, hex);
  const out: number[] = [];
  const responses = [
    ...(await Promise.all(
      gets.map((path) =>
        reader
          ? signedBy(reader, `${on.origin}${path}`)
          : fetch(`${on.origin}${path}`, { headers: { Accept: "application/activity+json" } }),
      ),
    )),
    reader
      ? await signedBy(reader, `${on.origin}${post.path}`, {
          method: "POST",
          body: post.body,
          contentType: "application/json",
        })
      : await fetch(`${on.origin}${post.path}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: post.body,
        }),
  ];
  for (const res of responses) {
    const body = await res.text();
    // A refused read says nothing about the motion.
    if (res.status === 404) expect(body).not.toContain(text);
    out.push(res.status);
  }
  return out;
}

describe("network-only material", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a non-member and an unsigned request cannot read a motion; a member can", { timeout: 240_000 }, async () => {
    nodes = await startNodes(3);
    const [a, b, d] = nodes as [Node, Node, Node];
    const key = await networkOf([a, b]);
    const text = "Move our backups to the co-op in Lyon.";
    const motion = await propose(a, key, { kind: "resolution", text });
    await motionArrives(b, key, motion.key);
    const hex = hexOf(motion.id);

    expect(await statuses(b, a, key, hex, text)).toEqual([200, 200, 200, 200, 200]);
    expect((await fetchDocument(b, a, key, hex)).text).toBe(text);
    expect(await statuses(d, a, key, hex, text)).toEqual([404, 404, 404, 404, 404]);
    expect(await statuses(undefined, a, key, hex, text)).toEqual([404, 404, 404, 404, 404]);
    // B relays what it holds under the same rule.
    expect(await statuses(a, b, key, hex, text)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(d, b, key, hex, text)).toEqual([404, 404, 404, 404, 404]);

    // Public on every member: the network and its member list.
    for (const node of [a, b]) {
      const page = await fetch(`${node.origin}/networks/${key}`, { headers: { Accept: "application/activity+json" } });
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain(text);
      const members = await fetch(`${node.origin}/networks/${key}/members`, {
        headers: { Accept: "application/activity+json" },
      });
      expect(((await members.json()) as { orderedItems: string[] }).orderedItems.sort()).toEqual(
        [a.actor, b.actor].sort(),
      );
    }
  });

  it("a suspended member is listed so, cannot vote, and no longer reads network-only material", {
    timeout: 300_000,
  }, async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    // The motion under test stays open while the test delivers to it and compares states.
    const key = await networkOf([a, b, c], charter({ resolution: { window: "PT30S" } }));
    const network = (await networkOn(a, key)).id as string;
    const text = "C has not answered abuse reports for a month.";
    const suspension = await propose(a, key, { kind: "suspension", subject: c.actor, text });
    const hex = hexOf(suspension.id);
    await motionArrives(b, key, suspension.key);
    // Before: C, a member, reads it.
    expect(await statuses(c, a, key, hex, text)).toEqual([200, 200, 200, 200, 200]);
    expect(suspension.tally.electorate).toBe(2);
    await vote(a, key, suspension.key, "yes");
    await vote(b, key, suspension.key, "yes");

    expect(await decided(a, key, suspension.key)).toMatchObject({ state: "passed" });
    await agree([a, b], key, (r) => r.decisions.length === 4);
    for (const node of [a, b])
      await eventually(
        async () => (await memberState(node, key, c.actor)) === "suspended",
        DECIDED_WITHIN_MS,
        `${node.handle} to list C as suspended`,
      );
    await statusOn(c, key, "suspended");

    for (const node of [a, b]) expect(await statuses(c, node, key, hex, text)).toEqual([404, 404, 404, 404, 404]);

    // The next motion leaves C out of its electorate, and C's ballots are refused.
    const next = await propose(a, key, { kind: "resolution", text: "Renew the shared domain." });
    expect(next.tally.electorate).toBe(2);
    await motionArrives(b, key, next.key);
    const before = await snapshot([a, b], key, next.key);
    const api = await c.call("POST", `/api/v1/networks/${key}/motions/${next.key}/ballot`, { choice: "no" });
    expect(api.status).toBeGreaterThanOrEqual(400);
    expect(api.status).toBeLessThan(500);
    const ballot = await ballotDocument(
      { network, motion: `sha256:${hexOf(next.id)}`, by: c.actor, choice: "no", published: new Date().toISOString() },
      await proofKeyOf(c),
    );
    for (const node of [a, b]) {
      const res = await deliver(c, node, network, ballot);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    for (const node of [a, b, c]) await quiet(node);
    expect(await snapshot([a, b], key, next.key)).toEqual(before);
  });
});
