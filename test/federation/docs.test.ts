// Shared documents between real instances on 127.0.0.1: a network document reaches the network's
// members and no one else, a public one reaches followers as an Article, and a change proposed on
// another instance is decided by the document's author and credited to its proposer.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { signedBy } from "../helpers/network-documents.ts";
import {
  DELIVERED_WITHIN_MS,
  networkOf,
  networkOn,
  type Node,
  startNodes,
  stopNodes,
} from "../helpers/network-instances.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

const AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** The document as a node holds it (its own or a replica), or undefined while it does not. */
async function heldOn(node: Node, id: string): Promise<Json | undefined> {
  const res = await node.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`);
  return res.status === 200 ? res.body : undefined;
}

const arrives = (node: Node, id: string, what: string, until: (doc: Json) => boolean = () => true) =>
  eventually(
    async () => {
      const doc = await heldOn(node, id);
      return doc && until(doc) ? doc : undefined;
    },
    DELIVERED_WITHIN_MS,
    what,
  );

describe("shared documents between instances", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a network document reaches a fellow member and is refused to a non-member and to an unsigned request", {
    timeout: 240_000,
  }, async () => {
    nodes = await startNodes(3);
    const [a, b, d] = nodes as [Node, Node, Node];
    const key = await networkOf([a, b]);
    const network = (await networkOn(a, key)).id as string;

    const secret = "The spare keys are with the Lyon co-op.";
    const created = await a.call("POST", "/api/v1/docs", {
      title: "Emergency access",
      summary: "Who holds what",
      body: `# Emergency access\n\n${secret}\n`,
      lang: "en",
      tags: ["ops"],
      audience: "network",
      network,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, revision } = created.body;

    const replica = await arrives(b, id, "B to hold A's network document");
    expect(replica).toMatchObject({
      id,
      author: a.actor,
      local: false,
      audience: "network",
      network,
      revision,
      title: "Emergency access",
    });
    expect(replica.body).toContain(secret);

    // A member reads the Article, addressed to the members by name, never to the public.
    const asMember = await signedBy(b, id);
    expect(asMember.status).toBe(200);
    const article = (await asMember.json()) as Json;
    expect(article).toMatchObject({ type: "Article", id, name: "Emergency access", audience: network });
    expect(article.to).toContain(b.actor);
    expect(JSON.stringify(article)).not.toContain(AS_PUBLIC);

    // A non-member, signed or not, and a browser get the same 404 as an unknown key.
    for (const res of [
      await signedBy(d, id),
      await fetch(id, { headers: { Accept: "application/activity+json" } }),
      await fetch(id, { headers: { Accept: "text/html" } }),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(secret);
    }
    // Nor was it sent to the non-member.
    expect(await heldOn(d, id)).toBeUndefined();

    // A new revision reaches the member too.
    const revised = await a.call("PUT", `/api/v1/docs/${created.body.key}`, {
      title: "Emergency access",
      summary: "Who holds what",
      body: `# Emergency access\n\n${secret}\nAnd the Berlin one has a copy.\n`,
      lang: "en",
      tags: ["ops"],
      audience: "network",
      network,
    });
    expect(revised.body).toMatchObject({ number: 2, changed: true });
    await arrives(b, id, "B to hold the second revision", (doc) => doc.revision === revised.body.revision);
    expect(await heldOn(d, id)).toBeUndefined();
  });

  it("a public document reaches a follower as an Article, and a change proposed by the follower is accepted by the author and credited to it", {
    timeout: 180_000,
  }, async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    expect((await b.call("POST", "/api/v1/following", { target: a.actor })).status).toBe(202);
    await eventually(
      async () => (await b.call("GET", "/api/v1/following")).body.items[0]?.state === "accepted",
      DELIVERED_WITHIN_MS,
      "B's follow to be accepted",
    );

    const body = "# Backups\n\nWe copy every night.\nWe keep thirty days.\n";
    const created = await a.call("POST", "/api/v1/docs", {
      title: "Backups",
      summary: "How we keep copies",
      body,
      lang: "en",
      tags: ["ops"],
      audience: "public",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, key } = created.body;

    const replica = await arrives(b, id, "B to hold A's public document");
    expect(replica).toMatchObject({ author: a.actor, local: false, audience: "public", title: "Backups" });
    expect(replica.summary).toBe("How we keep copies");
    expect(replica.body).toBe(body);

    const page = await fetch(id, { headers: { Accept: "application/activity+json" } });
    const article = (await page.json()) as Json;
    expect(article).toMatchObject({ type: "Article", name: "Backups", summary: "How we keep copies", url: id });
    expect(article.to).toEqual([AS_PUBLIC]);

    // B proposes a change; A's instance receives the Offer.
    const proposedBody = body.replace("thirty", "ninety");
    const proposed = await b.call("POST", "/api/v1/docs/proposals", {
      doc: id,
      body: proposedBody,
      message: "Ninety days, as agreed",
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ state: "open", proposer: b.actor, doc: id });

    const offered = await eventually(
      async () =>
        (await a.call("GET", "/api/v1/docs/proposals")).body.items.find((p: Json) => p.id === proposed.body.id),
      DELIVERED_WITHIN_MS,
      "A to receive B's proposal",
    );
    expect(offered).toMatchObject({ state: "open", proposer: b.actor, body: proposedBody });

    const accepted = await a.call("POST", `/api/v1/docs/proposals/${offered.key}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe("accepted");

    const revisions = (await a.call("GET", `/api/v1/docs/${key}/revisions`)).body.items;
    expect(revisions).toHaveLength(2);
    expect(revisions[1]).toMatchObject({
      number: 2,
      author: b.actor,
      message: "Ninety days, as agreed",
      digest: accepted.body.revision,
      proposal: { id: proposed.body.id, acceptedBy: a.actor },
    });

    // B learns the outcome, and its replica gets the new revision.
    const outcome = await eventually(
      async () =>
        (await b.call("GET", "/api/v1/docs/proposals")).body.items.find(
          (p: Json) => p.id === proposed.body.id && p.state !== "open",
        ),
      DELIVERED_WITHIN_MS,
      "B to learn the outcome",
    );
    expect(outcome).toMatchObject({ state: "accepted", decidedBy: a.actor, revision: accepted.body.revision });
    await arrives(b, id, "B's replica to hold the accepted change", (doc) => doc.revision === accepted.body.revision);

    // A second proposal, rejected: B hears that too.
    const second = await b.call("POST", "/api/v1/docs/proposals", {
      doc: id,
      body: `${proposedBody}\nAnd we never test restores.\n`,
      message: "Honesty",
    });
    expect(second.status).toBe(201);
    const held = await eventually(
      async () => (await a.call("GET", "/api/v1/docs/proposals")).body.items.find((p: Json) => p.id === second.body.id),
      DELIVERED_WITHIN_MS,
      "A to receive the second proposal",
    );
    expect((await a.call("POST", `/api/v1/docs/proposals/${held.key}/reject`)).status).toBe(200);
    await eventually(
      async () =>
        (await b.call("GET", "/api/v1/docs/proposals")).body.items.find(
          (p: Json) => p.id === second.body.id && p.state === "rejected",
        ),
      DELIVERED_WITHIN_MS,
      "B to learn of the rejection",
    );
    // Only the document's author decides: B cannot accept its own offer on its replica.
    expect((await b.call("POST", `/api/v1/docs/proposals/${second.body.key}/accept`)).status).toBe(403);
  });
});
