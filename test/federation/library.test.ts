// The library between real instances on 127.0.0.1: a fellow member finds another's network document
// in its own library search, and keeps serving it once the author's instance is down.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
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

describe("the library between instances", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("a member finds a fellow's network document in its library, and still serves it once the author is down", {
    timeout: 240_000,
  }, async () => {
    nodes = await startNodes(2);
    const [a, c] = nodes as [Node, Node];
    const key = await networkOf([a, c]);
    const network = (await networkOn(a, key)).id as string;

    const created = await a.call("POST", "/api/v1/docs", {
      title: "Hébergements d'urgence",
      summary: "Qui reprend quoi",
      body: "Nos hébergements d'urgence sont repris par la coopérative de Lyon.",
      lang: "fr",
      tags: ["urgence"],
      audience: "network",
      network,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body;

    const found = await eventually(
      async () => {
        const res = await c.call("GET", "/api/v1/library?q=h%C3%A9bergement&lang=fr");
        return res.status === 200 && res.body.total === 1 ? res.body : undefined;
      },
      DELIVERED_WITHIN_MS,
      "C to find A's network document in its library",
    );
    expect(found.results[0]).toMatchObject({ id, author: a.actor, audience: "network", local: false, gone: false });
    expect(found.results[0].matched).toContain("hébergements");
    // Never on C's public page.
    const page = await (await fetch(new URL("/library?q=h%C3%A9bergement", c.origin))).text();
    expect(page).not.toContain("urgence sont repris");

    await a.instance.stop();
    const after = await c.call("GET", "/api/v1/library?q=cooperative");
    expect(after.body.results.map((r: Json) => r.id)).toEqual([id]);
    const held = await c.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`);
    expect(held.status).toBe(200);
    expect(held.body.body).toContain("coopérative de Lyon");
  });
});
