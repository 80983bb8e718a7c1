// Anti-entropy for document replicas between real instances on 127.0.0.1: C is down while A publishes a
// network document, and A's delivery to it is lost; once C is back, it compares A's documents
// collection with what it holds and fetches the document, with no new revision to carry it.
import { sql } from "drizzle-orm";
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

const DOCS_EVENT = "docs.document.published";

/** The document deliveries A's queue still holds, and whether one has been tried and failed. */
async function queued(node: Node): Promise<{ n: number; failed: number }> {
  const [row] = await node.instance.services.database.rows<{ n: number; failed: number }>(
    sql`select count(*)::int as n, count(*) filter (where attempts > 0 and (leased_until is null or leased_until < now()))::int as failed
      from queue_messages where payload->>'commonhost' = ${DOCS_EVENT}`,
  );
  return row ?? { n: 0, failed: 0 };
}

describe("repairing document replicas", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a member that was down while a network document was published gets it without a new revision", {
    timeout: 240_000,
  }, async () => {
    nodes = await startNodes(3);
    const [a, c, d] = nodes as [Node, Node, Node];
    const key = await networkOf([a, c]);
    const network = (await networkOn(a, key)).id as string;
    let created: Json;

    await c.restart(async () => {
      created = await a.call("POST", "/api/v1/docs", {
        title: "Rack inventory",
        body: "Two disks in Lyon, one in Berlin.",
        lang: "en",
        audience: "network",
        network,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      // A tried C and failed; then the delivery is lost (as a message dropped on the way would be).
      await eventually(async () => (await queued(a)).failed > 0, DELIVERED_WITHIN_MS, "A's delivery to fail");
      await a.instance.services.database.rows(
        sql`delete from queue_messages where payload->>'commonhost' = ${DOCS_EVENT}`,
      );
      expect((await queued(a)).n).toBe(0);
    });
    const { id, revision } = created.body;

    const replica = await eventually(
      async () => {
        const res = await c.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`);
        return res.status === 200 ? res.body : undefined;
      },
      DELIVERED_WITHIN_MS,
      "C to repair its replicas from A's documents collection",
    );
    expect(replica).toMatchObject({
      id,
      author: a.actor,
      local: false,
      audience: "network",
      network,
      revision,
      number: 1,
    });
    expect((await queued(a)).n).toBe(0);

    // The collection lists to a member what it may read, and to anyone else nothing at all.
    const asMember = await signedBy(c, `${a.actor}/documents`);
    expect(asMember.status).toBe(200);
    expect(((await asMember.json()) as Json).orderedItems).toEqual([{ id, revision }]);
    expect((await signedBy(d, `${a.actor}/documents`)).status).toBe(404);
    expect((await fetch(`${a.actor}/documents`)).status).toBe(404);
  });
});
