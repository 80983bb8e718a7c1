// Mutual aid between real instances on 127.0.0.1: A, B and C form a network, D stays outside. A's offer
// and request reach B and C and never D, and filter by purpose, resource, region and network; bad input
// is refused naming its fields; an outsider's offer is refused; the public offer reaches A's follower as a Note. B answers A's offer
// with a proposed agreement it signs while A is down (A catches up once back), A accepts and signs:
// both hold the same agreement, active, with both signatures valid; ending it ends it on both.
import "temporal-polyfill/global";
import { decodeMultibase, importMultibaseKey } from "@fedify/vocab-runtime";
import { afterEach, describe, expect, it } from "vitest";
import type { AidProposal } from "../../src/domain/aid/proposals.ts";
import { proposalObject } from "../../src/federation/mappers/aid.ts";
import { signDocument } from "../../src/federation/networks/proof.ts";
import { heldNetworksRuntime } from "../../src/federation/networks/runtime.ts";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { followedByMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";
import { signedRequest } from "../helpers/signed-post.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const proposalsOn = async (node: Node, query = ""): Promise<Json[]> => {
  const res = await node.call("GET", `/api/v1/aid/proposals${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};
const agreementOn = async (node: Node, id: string): Promise<Json | undefined> =>
  (await node.call("GET", "/api/v1/aid/agreements")).body.items.find((a: Json) => a.id === id);

/** Whether `signature` is the actor's Ed25519 signature of `digest`, by the key its actor document lists. */
async function signedBy(actor: string, digest: string, signature: string): Promise<boolean> {
  const res = await fetch(actor, { headers: { Accept: "application/activity+json" } });
  const doc = (await res.json()) as { assertionMethod?: Json };
  const methods: Json[] = Array.isArray(doc.assertionMethod) ? doc.assertionMethod : [doc.assertionMethod];
  for (const m of methods) {
    if (typeof m?.publicKeyMultibase !== "string") continue;
    const key = await importMultibaseKey(m.publicKeyMultibase);
    if (key.algorithm.name !== "Ed25519") continue;
    const raw = new Uint8Array(decodeMultibase(signature));
    if (await crypto.subtle.verify("Ed25519", key, raw, new TextEncoder().encode(digest))) return true;
  }
  return false;
}

const day = 24 * 3600 * 1000;

describe("mutual aid", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopNodes(nodes);
  });

  it("offers reach fellow members only, filter, and become agreements both sides sign", async () => {
    // Every instance may reach the Mastodon stand-in that follows A on loopback too.
    nodes = await startNodes(4, { env: { ALLOW_PRIVATE_ADDRESS: "true" } });
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    const network = await networkOf([a, b, c]);
    remote = await followedByMastodonLike(a.instance);
    const from = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 30 * day).toISOString();

    // Bad input is refused naming its fields; a non-member cannot publish to the network.
    const invalid = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "gift",
      resource: "storage",
      quantity: { value: -1, unit: "GB" },
      audience: "network",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe("invalid");
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(["from", "purpose", "quantity.value"]);
    const backwards = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "storage",
      quantity: { value: 1, unit: "GB" },
      from: until,
      until: from,
      audience: "network",
    });
    expect(backwards.status).toBe(422);
    expect(Object.keys(backwards.body.error.fields)).toEqual(["until"]);
    const outsider = await d.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "compute",
      quantity: { value: 4, unit: "vCPU" },
      from,
      audience: "network",
    });
    expect(outsider.status).toBe(403);
    expect(Object.keys(outsider.body.error.fields)).toEqual(["network"]);

    const offered = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "offer",
      resource: "storage",
      quantity: { value: 500, unit: "GB" },
      from,
      until,
      region: "EU",
      conditions: "Encrypted backups only.",
      audience: "public",
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const offer = offered.body;
    expect(offer).toMatchObject({ purpose: "offer", author: a.actor, local: true, region: "EU", audience: "public" });
    const requested = await a.call("POST", "/api/v1/aid/proposals", {
      network,
      purpose: "request",
      resource: "secondary-dns",
      quantity: { value: 3, unit: "zones" },
      from,
      region: "Americas",
      audience: "network",
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);

    // B and C list both; D, outside the network, nothing.
    for (const node of [b, c])
      await eventually(
        async () => ((await proposalsOn(node)).length === 2 ? true : undefined),
        DELIVERED_WITHIN_MS,
        `${node.handle} to list A's offer and request`,
      );
    const onB = (await proposalsOn(b)).find((p) => p.id === offer.id);
    expect(onB).toMatchObject({
      author: a.actor,
      local: false,
      network: offer.network,
      purpose: "offer",
      resource: "storage",
      quantity: { value: 500, unit: "GB" },
      from: offer.from,
      until: offer.until,
      region: "EU",
      conditions: "Encrypted backups only.",
    });
    expect(await proposalsOn(d)).toEqual([]);

    // The public offer reaches A's follower as a readable Note linking to it; the network-only request does not.
    const note: Json = await eventually(
      () => remote!.posted.find((p: Json) => p.type === "Create" && p.object?.type === "Note"),
      DELIVERED_WITHIN_MS,
      "the Note to the follower",
    );
    expect(note.object.content).toContain("Offer of mutual aid: storage, 500 GB.");
    expect(note.object.content).toContain(offer.id);
    expect(note.object.to).toContain("https://www.w3.org/ns/activitystreams#Public");
    expect(remote.posted.filter((p: Json) => p.object?.type === "Note")).toHaveLength(1);
    // The link answers the signed Proposal; a network-only one is not served.
    const linked = await fetch(offer.id, { headers: { Accept: "application/activity+json" } });
    expect(linked.status).toBe(200);
    const document: Json = await linked.json();
    expect(document).toMatchObject({ type: "Proposal", id: offer.id, attributedTo: a.actor, purpose: "offer" });
    expect(document.proof.cryptosuite).toBe("eddsa-jcs-2022");
    expect((await fetch(requested.body.id)).status).toBe(404);

    // D, outside the network, sends B an offer of its own addressed to the network, signed as it should
    // be: B refuses it and keeps nothing.
    const rtD = heldNetworksRuntime(d.instance.services);
    const selfD = await rtD?.self();
    if (!selfD) throw new Error("D has no networks runtime");
    const forged: AidProposal = {
      id: `${d.origin}/aid/proposals/0193a1c2-7c1e-7000-8000-000000000001`,
      author: d.actor,
      published: new Date().toISOString(),
      purpose: "offer",
      resource: "compute",
      quantity: { value: 4, unit: "vCPU" },
      from,
      audience: "network",
    };
    const object = await signDocument(proposalObject(forged, offer.network), selfD.signer);
    const activity = {
      "@context": object["@context"],
      id: `${d.actor}#x`,
      type: "Create",
      actor: d.actor,
      to: [b.actor],
      object,
    };
    const refusal = await fetch(
      await signedRequest(`${b.origin}/actors/beta/inbox`, JSON.stringify(activity), selfD.httpKey),
    );
    expect(refusal.status).toBe(403);
    expect(JSON.stringify(await refusal.json())).toContain("not a current member of that network");
    expect((await proposalsOn(b)).map((p) => p.author)).toEqual([a.actor, a.actor]);

    // Filters.
    const ids = async (query: string) => (await proposalsOn(c, query)).map((p) => p.id);
    expect(await ids("?purpose=offer")).toEqual([offer.id]);
    expect(await ids("?resource=secondary-dns")).toEqual([requested.body.id]);
    expect(await ids("?region=EU")).toEqual([offer.id]);
    expect(await ids("?region=Asia")).toEqual([]);
    expect((await ids(`?network=${network}`)).sort()).toEqual([offer.id, requested.body.id].sort());
    expect(await ids("?network=elsewhere")).toEqual([]);
    expect((await c.call("GET", "/api/v1/aid/proposals?purpose=gift")).status).toBe(422);

    // A cannot answer its own offer.
    expect((await a.call("POST", `/api/v1/aid/proposals/${offer.key}/respond`, { message: "Me?" })).status).toBe(403);

    // B answers with a proposed agreement it signs while A is down; A catches up once back.
    let responded: Json;
    await a.restart(async () => {
      responded = await b.call("POST", `/api/v1/aid/proposals/${onB.key}/respond`, {
        quantity: { value: 200, unit: "GB" },
        message: "For our members' backups.",
      });
    });
    expect(responded.status, JSON.stringify(responded.body)).toBe(201);
    const proposed = responded.body;
    expect(proposed).toMatchObject({
      state: "proposed",
      proposal: offer.id,
      proposedBy: b.actor,
      provider: a.actor,
      receiver: b.actor,
      quantity: { value: 200, unit: "GB" },
      until: offer.until,
    });
    expect(proposed.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const onA = await eventually(() => agreementOn(a, proposed.id), DELIVERED_WITHIN_MS, "A to hold the agreement");
    expect(onA).toMatchObject({ state: "proposed", message: "For our members' backups.", provider: a.actor });
    expect(Object.keys(onA.signatures)).toEqual([b.actor]);
    // B cannot accept what it proposed.
    expect((await b.call("POST", `/api/v1/aid/agreements/${proposed.key}/accept`)).status).toBe(403);

    // A accepts and signs; both hold it active with both signatures, each valid.
    const accepted = await a.call("POST", `/api/v1/aid/agreements/${onA.key}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe("active");
    const activeOnB = await eventually(
      async () => {
        const held = await agreementOn(b, proposed.id);
        return held?.state === "active" ? held : undefined;
      },
      DELIVERED_WITHIN_MS,
      "B to see the agreement active",
    );
    for (const held of [accepted.body, activeOnB]) {
      expect(held.id).toBe(proposed.id);
      expect(Object.keys(held.signatures).sort()).toEqual([a.actor, b.actor].sort());
      expect(await signedBy(a.actor, held.id, held.signatures[a.actor])).toBe(true);
      expect(await signedBy(b.actor, held.id, held.signatures[b.actor])).toBe(true);
      // The other's key does not make the signature.
      expect(await signedBy(c.actor, held.id, held.signatures[a.actor])).toBe(false);
    }
    expect(activeOnB.signatures).toEqual(accepted.body.signatures);
    expect((await a.call("POST", `/api/v1/aid/agreements/${onA.key}/accept`)).status).toBe(409);

    // B ends it: both see it ended. C and D, not parties, hold nothing.
    const ended = await b.call("POST", `/api/v1/aid/agreements/${proposed.key}/end`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.state).toBe("ended");
    await eventually(
      async () => ((await agreementOn(a, proposed.id))?.state === "ended" ? true : undefined),
      DELIVERED_WITHIN_MS,
      "A to see the agreement ended",
    );
    expect((await c.call("GET", "/api/v1/aid/agreements")).body.items).toEqual([]);
    expect((await d.call("GET", "/api/v1/aid/agreements")).body.items).toEqual([]);
  });
});
