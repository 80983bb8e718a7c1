// Withdrawing an offer before its end, between real instances on 127.0.0.1: A, B and C form a network.
// Only A may withdraw its offer, once; B and C then no longer list it and answering it is refused. A
// withdrawal of A's offer sent by C, signed as C, is refused and changes nothing.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { proposalTombstone } from "../../src/federation/mappers/aid.ts";
import { heldNetworksRuntime } from "../../src/federation/networks/runtime.ts";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { signedRequest } from "../helpers/signed-post.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const proposalsOn = async (node: Node): Promise<Json[]> => {
  const res = await node.call("GET", "/api/v1/aid/proposals");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};

const day = 24 * 3600 * 1000;

describe("withdrawing an offer", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => {
    await stopNodes(nodes);
  });

  it("only its author withdraws it, once, and every fellow member stops listing it", async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const network = await networkOf([a, b, c]);
    const offered = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "storage",
      quantity: { value: 500, unit: "GB" },
      from: new Date(Date.now() - 60_000).toISOString(),
      until: new Date(Date.now() + 30 * day).toISOString(),
      audience: "network",
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const offer = offered.body;
    for (const node of [b, c])
      await eventually(
        async () => ((await proposalsOn(node)).some((p) => p.id === offer.id) ? true : undefined),
        DELIVERED_WITHIN_MS,
        `${node.handle} to list A's offer`,
      );
    const onB = (await proposalsOn(b)).find((p) => p.id === offer.id);

    // C, a fellow member but not the author, sends B a withdrawal of A's offer signed as itself.
    const selfC = await heldNetworksRuntime(c.instance.services)?.self();
    if (!selfC) throw new Error("C has no networks runtime");
    const forged = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${c.actor}#forged-withdrawal`,
      type: "Delete",
      actor: c.actor,
      to: [b.actor],
      object: proposalTombstone(offer.id, new Date()),
    };
    const refusal = await fetch(await signedRequest(`${b.actor}/inbox`, JSON.stringify(forged), selfC.httpKey));
    expect(refusal.status).toBe(403);
    expect(JSON.stringify(await refusal.json())).toContain("Only the author");
    expect((await proposalsOn(b)).map((p) => p.id)).toContain(offer.id);

    // B cannot withdraw A's offer, nor can anyone withdraw what is unknown.
    const notOurs = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/withdraw`);
    expect(notOurs.status).toBe(404);
    const unknown = await a.call("POST", "/api/v1/aid/proposals/0193a1c2-7c1e-7000-8000-000000000009/withdraw");
    expect(unknown.status).toBe(404);

    const withdrawn = await a.call("POST", `/api/v1/aid/proposals/${offer.key}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: offer.id, withdrawn: expect.any(String) });
    const twice = await a.call("POST", `/api/v1/aid/proposals/${offer.key}/withdraw`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain("withdrawn");
    expect((await proposalsOn(a)).map((p) => p.id)).not.toContain(offer.id);

    for (const node of [b, c])
      await eventually(
        async () => ((await proposalsOn(node)).some((p) => p.id === offer.id) ? undefined : true),
        DELIVERED_WITHIN_MS,
        `${node.handle} to stop listing A's withdrawn offer`,
      );
    const answer = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/respond`, { message: "We would take it." });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain("withdrawn");
  });
});
