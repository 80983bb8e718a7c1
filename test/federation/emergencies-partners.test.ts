// Who may speak for a member, between real instances on 127.0.0.1: A, B and C form a network whose
// charter says nothing about it (the default: agreement partners). A cannot declare an emergency for B
// until they have an active agreement; then it can, and B, its partner, is told before C: its delivery
// is queued first (the queue's own order is checked in test/domain/emergencies-partners.test.ts). The charter's defaults show on the API; a charter with bad terms is refused.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import {
  DELIVERED_WITHIN_MS,
  type Node,
  networkOf,
  networkOn,
  startNodes,
  stopNodes,
} from "../helpers/network-instances.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const day = 24 * 3600 * 1000;

describe("emergencies on behalf of agreement partners", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("only a partner speaks for a member, and partners are told first", async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const network = await networkOf([a, b, c]);
    expect((await networkOn(a, network))?.charter).toMatchObject({
      onBehalf: "partners",
      watch: { k: 2, interval: null },
    });
    const badCharter = await a.call("POST", "/api/v1/networks", {
      name: "Bad",
      charter: { onBehalf: "anyone", watch: { k: 0 } },
    });
    expect(badCharter.status).toBe(422);
    expect(Object.keys(badCharter.body.error.fields).sort()).toEqual(["charter.onBehalf", "charter.watch.k"]);

    const emergency = { kind: "outage", summary: "Beta is down.", needs: "A spare server.", onBehalfOf: b.actor };
    const refused = await a.call("POST", "/api/v1/emergencies", emergency);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("no active agreement with");
    expect(Object.keys(refused.body.error.fields)).toEqual(["onBehalfOf"]);

    // A offers failover, B answers, A accepts: they are partners.
    const offered = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "failover",
      quantity: { value: 1, unit: "VM" },
      from: new Date(Date.now() - 60_000).toISOString(),
      until: new Date(Date.now() + 30 * day).toISOString(),
      audience: "network",
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const onB = await eventually(
      async () => (await b.call("GET", "/api/v1/aid/proposals")).body.items[0],
      DELIVERED_WITHIN_MS,
      "B to hold A's offer",
    );
    const proposed = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/respond`, { message: "Please." });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const onA: Json = await eventually(
      async () =>
        (await a.call("GET", "/api/v1/aid/agreements")).body.items.find((x: Json) => x.id === proposed.body.id),
      DELIVERED_WITHIN_MS,
      "A to hold the proposed agreement",
    );
    expect((await a.call("POST", `/api/v1/aid/agreements/${onA.key}/accept`)).status).toBe(200);

    // Now A may speak for B; B's delivery is queued before C's, and both receive it.
    const declared = await a.call("POST", "/api/v1/emergencies", emergency);
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    expect(declared.body.recipients).toEqual([b.actor, c.actor]);
    for (const node of [b, c])
      await eventually(
        async () =>
          (await node.call("GET", "/api/v1/emergencies")).body.items.find((e: Json) => e.id === declared.body.id),
        DELIVERED_WITHIN_MS,
        `${node.handle} to list the emergency`,
      );
  });
});
