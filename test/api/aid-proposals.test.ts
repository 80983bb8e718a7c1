// The listing of offers and requests comes in bounded pages: newest first, ties by key, each proposal
// once across the pages, filters kept from page to page, and bad paging refused with 422.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProposal } from "../../src/domain/aid/aid.repository.ts";
import { stopAll } from "../helpers/instance.ts";
import { type ApiClient, startApi } from "./api-client.ts";

const NETWORK = "https://peer.example/networks/0123456789abcdef0123";
const AUTHOR = "https://peer.example/actors/provider";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

describe("API mutual aid listing pages", () => {
  let api: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    const db = api.instance.services.database.db;
    // 25 open ones, three of them published at the same instant; one that ended yesterday.
    for (let i = 0; i < 26; i++) {
      const published = new Date(Date.parse("2026-03-01T00:00:00Z") + Math.max(i, 3) * 60_000).toISOString();
      const until = i === 25 ? new Date(Date.now() - 86_400_000).toISOString() : undefined;
      const purpose = i % 2 ? "request" : "offer";
      const id = `https://peer.example/aid/proposals/${i}`;
      // Every fifth names Nextcloud in its conditions; every third is in Lisboa.
      const conditions = i % 5 === 0 ? "Encrypted Nextcloud backups only" : undefined;
      const region = i % 3 === 0 ? "Lisboa" : null;
      await insertProposal(db, {
        key: randomUUID(),
        id,
        network: NETWORK,
        author: AUTHOR,
        local: false,
        purpose,
        resource: "storage",
        region,
        proposal: {
          id,
          author: AUTHOR,
          published,
          purpose,
          resource: "storage",
          quantity: { value: i + 1, unit: "GB" },
          from: published,
          ...(until ? { until } : {}),
          ...(region ? { region } : {}),
          ...(conditions ? { conditions } : {}),
          audience: "network",
        },
        publishedAt: new Date(published),
        untilAt: until ? new Date(until) : null,
      });
    }
  });
  afterAll(async () => stopAll(api?.instance));

  const pages = async (query: string): Promise<Json[][]> => {
    const all: Json[][] = [];
    let before: string | null = null;
    do {
      const res = await api.call("GET", `/api/v1/aid/proposals?${query}${before ? `&before=${before}` : ""}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all.push(res.body.items);
      before = res.body.next;
    } while (before && all.length < 10);
    return all;
  };

  it("pages through the open ones, newest first, each once", async () => {
    const all = await pages("limit=10");
    expect(all.map((p) => p.length)).toEqual([10, 10, 5]);
    const items = all.flat();
    expect(new Set(items.map((p) => p.key)).size).toBe(25);
    expect(items.some((p) => p.id.endsWith("/25"))).toBe(false);
    const order = items.map((p) => `${p.published} ${p.key}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it("keeps the filter from page to page, and gives 20 at most by default", async () => {
    const requests = (await pages("purpose=request&limit=5")).flat();
    expect(requests).toHaveLength(12);
    expect(requests.every((p) => p.purpose === "request")).toBe(true);
    const first = await api.call("GET", "/api/v1/aid/proposals");
    expect(first.body.items).toHaveLength(20);
    expect(first.body.next).toBe(first.body.items[19].key);
  });

  it("finds the words asked, in any case, each in the conditions or the region", async () => {
    const numbers = async (q: string) =>
      (await pages(`q=${encodeURIComponent(q)}&limit=100`))
        .flat()
        .map((p) => Number(p.id.split("/").at(-1)))
        .sort((a, b) => a - b);
    expect(await numbers("nextcloud BACKUPS")).toEqual([0, 5, 10, 15, 20]);
    expect(await numbers("Nextcloud lisboa")).toEqual([0, 15]);
    expect(await numbers("nextcloud tokyo")).toEqual([]);
  });

  it("refuses bad paging with 422 naming the field", async () => {
    for (const [query, field] of [
      [`q=${"x".repeat(201)}`, "q"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["before=yesterday", "before"],
    ]) {
      const res = await api.call("GET", `/api/v1/aid/proposals?${query}`);
      expect(res.status, query).toBe(422);
      expect(Object.keys(res.body.error.fields ?? {}), query).toContain(field);
    }
  });
});
