// A provider's public offers in other instances' directories, between real instances on 127.0.0.1: A
// publishes public offers and requests and a network-only one; C, outside A's network, peers with A
// and shows the public ones on A's directory page, on its card and in the API, never the network-only
// one. One that runs out, and one A no longer lists, are gone from C after its next refresh.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { aidProposals } from "../../src/db/schema/index.ts";
import { runRefreshCycle } from "../../src/federation/directory/replication.ts";
import { eventually } from "../helpers/instance.ts";
import { type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const day = 24 * 3600 * 1000;

const offersOn = async (node: Node, actor: string): Promise<Json[]> => {
  const res = await fetch(`${node.origin}/api/v1/directory/offers?actor=${encodeURIComponent(actor)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).items;
};
const providerPage = async (node: Node, actor: string): Promise<string> => {
  const res = await fetch(`${node.origin}/directory/providers?actor=${encodeURIComponent(actor)}`, {
    headers: { "Accept-Language": "en" },
  });
  expect(res.status).toBe(200);
  return res.text();
};

describe("public offers in the directory", { timeout: 300_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(() => stopNodes(nodes));

  it("shows a provider's open public offers to outsiders, never its network ones", async () => {
    nodes = await startNodes(2);
    const [a, c] = nodes as [Node, Node];
    const network = await networkOf([a]);
    const from = new Date(Date.now() - 60_000).toISOString();
    const publish = async (body: Json): Promise<Json> => {
      const res = await a.call("POST", "/api/v1/aid/proposals", { network, from, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const lasting = await publish({
      purpose: "offer",
      resource: "storage",
      quantity: { value: 500, unit: "GB" },
      until: new Date(Date.now() + 30 * day).toISOString(),
      region: "EU",
      audience: "public",
    });
    const withdrawn = await publish({
      purpose: "request",
      resource: "sysadmin-hours",
      quantity: { value: 12, unit: "hours" },
      audience: "public",
    });
    const expiresAt = Date.now() + 20_000;
    const expiring = await publish({
      purpose: "offer",
      resource: "compute",
      quantity: { value: 8, unit: "vCPU" },
      until: new Date(expiresAt).toISOString(),
      audience: "public",
    });
    await publish({
      purpose: "offer",
      resource: "secondary-dns",
      quantity: { value: 7, unit: "zones-secret" },
      audience: "network",
    });

    // A's actor names its collection, which lists the public ones only.
    const actor = (await (await fetch(a.actor, { headers: { Accept: "application/activity+json" } })).json()) as Json;
    expect(actor.aidProposals).toBe(`${a.origin}/aid/proposals`);
    const collection = (await (
      await fetch(actor.aidProposals, { headers: { Accept: "application/activity+json" } })
    ).json()) as Json;
    expect(collection.type).toBe("OrderedCollection");
    expect(collection.orderedItems.map((p: Json) => p.id).sort()).toEqual(
      [lasting.id, withdrawn.id, expiring.id].sort(),
    );

    // C, in no network with A, peers with it: the public ones show, the network one never does.
    const added = await c.call("POST", "/api/v1/peers", { target: a.actor });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const shown = await offersOn(c, a.actor);
    expect(shown.map((o) => o.id).sort()).toEqual([lasting.id, withdrawn.id, expiring.id].sort());
    expect(shown.find((o) => o.id === lasting.id)).toMatchObject({
      purpose: "offer",
      resource: "storage",
      quantity: { value: 500, unit: "GB" },
      from: lasting.from,
      until: lasting.until,
      region: "EU",
    });
    const page = await providerPage(c, a.actor);
    expect(page).toContain("Offers and requests of mutual aid");
    expect(page).toContain("500 GB");
    expect(page).toContain("12 hours");
    expect(page).toContain("region: EU");
    expect(page).not.toContain("zones-secret");
    const card = await eventually(
      async () => {
        const res = await fetch(`${c.origin}/api/v1/directory`);
        const body = (await res.json()) as Json;
        return body.results.find((r: Json) => r.actorUri === a.actor);
      },
      30_000,
      "A in C's directory",
    );
    expect(card.offers).toEqual({ offers: 2, requests: 1 });
    const listing = await (await fetch(`${c.origin}/directory`, { headers: { "Accept-Language": "en" } })).text();
    expect(listing).toContain("2 offers of mutual aid · 1 request for mutual aid");

    // One runs out, one is no longer listed: after C's next refresh only the lasting offer shows.
    await a.instance.services.database.db.delete(aidProposals).where(eq(aidProposals.id, withdrawn.id));
    await eventually(() => Date.now() > expiresAt + 1000, 40_000, "the offer's end");
    await runRefreshCycle(c.instance.services);
    expect((await offersOn(c, a.actor)).map((o) => o.id)).toEqual([lasting.id]);
    const after = await providerPage(c, a.actor);
    expect(after).toContain("500 GB");
    expect(after).not.toContain("12 hours");
    expect(after).not.toContain("8 vCPU");
    const unknown = await fetch(`${c.origin}/api/v1/directory/offers?actor=${encodeURIComponent(`${a.origin}/x`)}`);
    expect(unknown.status).toBe(404);
  });
});
