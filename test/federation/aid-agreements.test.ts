// The life of an agreement between two real instances on 127.0.0.1, A and B in one network: B withdraws
// a proposed agreement (both see it cancelled); another is accepted, renewed (B proposes, A accepts: both
// hold the same two periods, each signed by both), a second renewal is declined, and A declares it
// breached with a reason: both end in the same state. Bad input is refused naming its fields. Partners
// of a failover agreement whose profiles name the same datacenter and ASN see it flagged on both sides.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const day = 24 * 3600 * 1000;

const agreementOn = async (node: Node, id: string): Promise<Json | undefined> =>
  (await node.call("GET", "/api/v1/aid/agreements")).body.items.find((a: Json) => a.id === id);

/** Waits until `node` holds the agreement and `test` holds of it. */
const seen = (node: Node, id: string, test: (a: Json) => boolean, what: string): Promise<Json> =>
  eventually(
    async () => {
      const held = await agreementOn(node, id);
      return held && test(held) ? held : undefined;
    },
    DELIVERED_WITHIN_MS,
    what,
  );

/** What both sides must agree on, without the local key. */
const shared = ({ key: _key, ...rest }: Json) => rest;

describe("agreement lifecycle", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("cancels, renews with both signatures, declines a renewal and declares a breach, alike on both sides", async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const network = await networkOf([a, b]);
    const from = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 30 * day).toISOString();
    const offered = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "failover",
      quantity: { value: 2, unit: "VMs" },
      from,
      until,
      audience: "network",
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const onB = await eventually(
      async () => (await b.call("GET", "/api/v1/aid/proposals")).body.items[0],
      DELIVERED_WITHIN_MS,
      "B to hold A's offer",
    );
    const respond = async (message: string) => {
      const res = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/respond`, { message });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await seen(a, res.body.id, () => true, "A to hold the proposed agreement");
      return res.body;
    };

    // A proposed agreement: only its proposer withdraws it; both then hold it cancelled.
    const first = await respond("First try.");
    const firstOnA = await agreementOn(a, first.id);
    const refused = await a.call("POST", `/api/v1/aid/agreements/${firstOnA.key}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conflict");
    const withdrawn = await b.call("POST", `/api/v1/aid/agreements/${first.key}/cancel`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.state).toBe("cancelled");
    await seen(a, first.id, (x) => x.state === "cancelled", "A to see the proposal withdrawn");

    expect(first.sharedUpstream).toEqual([]);
    expect(first.warnings).toEqual([]);

    // A and B state the same datacenter and ASN (not the same upstream provider) in their profiles: the
    // failover agreement B proposes next carries what they share on both sides, and B is warned.
    const upstreams = [
      { datacenter: "FSN1-DC14", asn: 24940, provider: "Hetzner" },
      { datacenter: " fsn1-dc14", asn: 24940, provider: "Another Transit" },
    ];
    for (const [i, node] of [a, b].entries()) {
      const current = (await node.call("GET", "/api/v1/profile")).body;
      const place = { ...current.profile.place, upstream: upstreams[i] };
      const put = await node.call("PUT", "/api/v1/profile", {
        name: current.name,
        profile: { ...current.profile, place },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      // The actor document is rebuilt within a short cache: wait until it states the new upstream.
      await eventually(
        async () => {
          const doc: Json = await (
            await fetch(node.actor, { headers: { Accept: "application/activity+json" } })
          ).json();
          return doc.commonhost?.place?.upstream?.asn === 24940 ? true : undefined;
        },
        DELIVERED_WITHIN_MS,
        `${node.handle}'s actor document to state its upstream`,
      );
    }

    // Another is accepted: active on both sides.
    const second = await respond("For real.");
    expect(second.sharedUpstream).toEqual(["datacenter", "asn"]);
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toContain("datacenter, autonomous system (ASN)");
    expect((await agreementOn(a, second.id)).sharedUpstream).toEqual(["datacenter", "asn"]);
    const key = (await agreementOn(a, second.id)).key;
    expect((await a.call("POST", `/api/v1/aid/agreements/${key}/accept`)).status).toBe(200);
    await seen(b, second.id, (x) => x.state === "active", "B to see it active");

    // Bad renewals and breaches are refused naming their fields; nothing changes.
    const early = await b.call("POST", `/api/v1/aid/agreements/${second.key}/renew`, { until: from });
    expect(early.status).toBe(422);
    expect(Object.keys(early.body.error.fields)).toEqual(["until"]);
    const notDate = await b.call("POST", `/api/v1/aid/agreements/${second.key}/renew`, { until: "soon" });
    expect(notDate.status).toBe(422);
    expect(Object.keys(notDate.body.error.fields)).toEqual(["until"]);
    const noReason = await a.call("POST", `/api/v1/aid/agreements/${key}/breach`, { reason: " " });
    expect(noReason.status).toBe(422);
    expect(Object.keys(noReason.body.error.fields)).toEqual(["reason"]);
    expect((await a.call("POST", `/api/v1/aid/agreements/${key}/renewal/accept`)).status).toBe(409);

    // B proposes a renewal; B cannot accept its own; A accepts it: both hold two periods signed by both.
    const renewedUntil = new Date(Date.parse(until) + 30 * day).toISOString();
    const renew = await b.call("POST", `/api/v1/aid/agreements/${second.key}/renew`, { until: renewedUntil });
    expect(renew.status, JSON.stringify(renew.body)).toBe(200);
    expect(renew.body.pendingRenewal).toEqual({ by: b.actor, until: renewedUntil });
    expect((await b.call("POST", `/api/v1/aid/agreements/${second.key}/renewal/accept`)).status).toBe(409);
    await seen(a, second.id, (x) => x.pendingRenewal?.until === renewedUntil, "A to see the renewal proposed");
    const renewed = await a.call("POST", `/api/v1/aid/agreements/${key}/renewal/accept`);
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.endsAt).toBe(renewedUntil);
    const renewedOnB = await seen(b, second.id, (x) => x.periods.length === 2, "B to see the renewal accepted");
    expect(shared(renewedOnB)).toEqual(shared(renewed.body));
    expect(renewedOnB.periods[1]).toMatchObject({ from: until, until: renewedUntil });
    expect(Object.keys(renewedOnB.periods[1].signatures).sort()).toEqual([a.actor, b.actor].sort());
    expect(renewedOnB.pendingRenewal).toBeNull();

    // A proposes a further renewal; B declines it: both keep the two periods and nothing pending.
    const further = new Date(Date.parse(renewedUntil) + 30 * day).toISOString();
    expect((await a.call("POST", `/api/v1/aid/agreements/${key}/renew`, { until: further })).status).toBe(200);
    await seen(b, second.id, (x) => x.pendingRenewal?.until === further, "B to see the second renewal");
    const declined = await b.call("POST", `/api/v1/aid/agreements/${second.key}/renewal/decline`);
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body.pendingRenewal).toBeNull();
    await seen(a, second.id, (x) => x.pendingRenewal === null, "A to see the renewal declined");

    // A declares a breach with a reason: both hold it breached, by A, for that reason, and it cannot be ended.
    const breach = await a.call("POST", `/api/v1/aid/agreements/${key}/breach`, {
      reason: "The VMs were never started.",
    });
    expect(breach.status, JSON.stringify(breach.body)).toBe(200);
    const breachedOnB = await seen(b, second.id, (x) => x.state === "breached", "B to see the breach");
    expect(breachedOnB.breach).toEqual({ by: a.actor, reason: "The VMs were never started." });
    expect(shared(breachedOnB)).toEqual(shared(breach.body));
    expect((await b.call("POST", `/api/v1/aid/agreements/${second.key}/end`)).status).toBe(409);
    expect((await b.call("POST", "/api/v1/aid/agreements/00000000-0000-7000-8000-000000000000/cancel")).status).toBe(
      404,
    );
  });
});
