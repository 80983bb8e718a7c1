// Agreement reconciliation between real instances on 127.0.0.1 (ADR 0021): A and B in one network, B
// answers A's offer, A accepts while B is down, and the acceptance delivery is lost (dropped from A's
// queue). B's copy still says proposed; on its next sync round B reads A's copy and applies A's signed
// acceptance: both hold it active with both signatures. Each copy is served to the other party only.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { signedBy } from "../helpers/network-documents.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const AID_EVENT = "aid.agreement.deliver";
const day = 24 * 3600 * 1000;

/** The agreement deliveries a node's queue still holds, and how many were tried and failed. */
async function queued(node: Node): Promise<{ n: number; failed: number }> {
  const [row] = await node.instance.services.database.rows<{ n: number; failed: number }>(
    sql`select count(*)::int as n, count(*) filter (where attempts > 0 and (leased_until is null or leased_until < now()))::int as failed
      from queue_messages where payload->>'commonhost' = ${AID_EVENT}`,
  );
  return row ?? { n: 0, failed: 0 };
}

const agreementOn = async (node: Node, id: string): Promise<Json | undefined> =>
  (await node.call("GET", "/api/v1/aid/agreements")).body.items.find((x: Json) => x.id === id);

describe("reconciling agreements", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a party whose copy missed the acceptance reads it back from the other party's copy", {
    timeout: 300_000,
  }, async () => {
    nodes = await startNodes(3);
    const [a, b, c] = nodes as [Node, Node, Node];
    const network = await networkOf([a, b]);
    const offered = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "storage",
      quantity: { value: 2, unit: "TB" },
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
    const responded = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/respond`, { message: "Please." });
    expect(responded.status, JSON.stringify(responded.body)).toBe(201);
    const { id, uri } = responded.body;
    const onA = await eventually(() => agreementOn(a, id), DELIVERED_WITHIN_MS, "A to hold the proposal");
    expect((await agreementOn(b, id)).state).toBe("proposed");

    await b.restart(async () => {
      const accepted = await a.call("POST", `/api/v1/aid/agreements/${onA.key}/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body.state).toBe("active");
      // A tried B and failed; then the acceptance is lost (as a message dropped on the way would be).
      await eventually(async () => (await queued(a)).failed > 0, DELIVERED_WITHIN_MS, "A's delivery to fail");
      await a.instance.services.database.rows(
        sql`delete from queue_messages where payload->>'commonhost' = ${AID_EVENT}`,
      );
      expect((await queued(a)).n).toBe(0);
    });

    const reconciled = await eventually(
      async () => {
        const held = await agreementOn(b, id);
        return held?.state === "active" ? held : undefined;
      },
      DELIVERED_WITHIN_MS,
      "B to reconcile the agreement with A's copy",
    );
    const onAActive = await agreementOn(a, id);
    expect(reconciled.id).toBe(onAActive.id);
    expect(Object.keys(reconciled.periods[0].signatures).sort()).toEqual([a.actor, b.actor].sort());
    const { key: _b, ...sharedB } = reconciled;
    const { key: _a, ...sharedA } = onAActive;
    expect(sharedB).toEqual(sharedA);
    expect((await queued(a)).n).toBe(0);

    // A's copy, at the agreement's URI: to B (the other party) only; a third instance and an unsigned
    // request get the same 404 as an unknown agreement.
    const copyOnA = new URL(new URL(uri).pathname, a.origin).href;
    const toB = await signedBy(b, copyOnA);
    expect(toB.status).toBe(200);
    const copy: Json = await toB.json();
    expect(copy).toMatchObject({ type: "Agreement", termsDigest: id, aidState: "active" });
    expect(copy.aidSteps).toEqual([expect.objectContaining({ type: "accept", by: a.actor })]);
    expect((await signedBy(c, copyOnA)).status).toBe(404);
    expect((await fetch(copyOnA, { headers: { Accept: "application/activity+json" } })).status).toBe(404);
    const copyOnB = new URL(new URL(uri).pathname, b.origin).href;
    expect((await signedBy(a, copyOnB)).status).toBe(200);
    expect((await signedBy(c, copyOnB)).status).toBe(404);
  });
});
