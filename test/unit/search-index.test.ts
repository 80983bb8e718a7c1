// The in-memory index's parts: weights from a tsvector's labels, the first k of an order, and
// slots reused after many replacements.
import { describe, expect, it } from "vitest";
import { DirectoryIndex, firstK } from "../../src/domain/directory/search/search-index.ts";
import { lexemeWeight, parseTsvector } from "../../src/domain/directory/search/index-entry.ts";
import { directoryQuerySchema, type IndexRow } from "../../src/domain/directory/search/index.ts";

describe("the directory search index", () => {
  it("weighs a lexeme by its strongest label, then each repeat less", () => {
    expect(lexemeWeight("3A")).toBe(1);
    expect(lexemeWeight("4")).toBe(0.1);
    expect(lexemeWeight("2C,9A")).toBeCloseTo(1 + 0.2 / 4);
    expect([...parseTsvector("'it''s':1A 'mail':2B,5 'x\\\\y' 'z':3C")]).toEqual([
      ["it's", 1],
      ["mail", 0.4 + 0.1 / 4],
      ["x\\y", 0.1],
      ["z", 0.2],
    ]);
  });

  it("gives the first k of an order as a full sort would", () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    const before = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && a < b);
    const sorted = values.map((_, i) => i).sort((a, b) => (before(a, b) ? -1 : 1));
    for (const k of [0, 1, 20, 499, 500, 900]) expect(firstK(values.length, k, before)).toEqual(sorted.slice(0, k));
  });

  it("answers the same after thousands of replacements (slots compacted)", () => {
    const index = new DirectoryIndex();
    const row = (i: number, round: number): IndexRow => ({
      actorUri: `https://p${i}.example/`,
      name: `Provider ${i}`,
      local: false,
      country: i % 2 ? "FR" : "DE",
      region: null,
      jurisdiction: "EU",
      valueTags: [],
      spareStorageGb: null,
      spareAccounts: null,
      fetched: round,
      lastSeen: 0,
      services: [["email", "donation", "open", ["fr"]]],
      words: "email",
      vector: `'email':1B 'round${round}':2C`,
    });
    for (let i = 0; i < 50; i++) index.put(row(i, 0));
    for (let round = 1; round <= 60; round++) for (let i = 0; i < 50; i++) index.put(row(i, round));
    const query = directoryQuerySchema.parse({ q: "email", country: "FR" });
    const terms = [{ word: "email", alternatives: [["email"]], optional: false }];
    const answer = index.search(query, terms, 0, 50);
    expect(answer.total).toBe(25);
    expect(answer.facets.country).toEqual({ FR: 25 });
    expect(index.search(query, [{ word: "round60", alternatives: [["round60"]], optional: false }], 0, 50).total).toBe(
      25,
    );
    expect(index.search(query, [{ word: "round59", alternatives: [["round59"]], optional: false }], 0, 50).total).toBe(
      0,
    );
  });
});
