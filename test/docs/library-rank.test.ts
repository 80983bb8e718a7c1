// The library's ranking: a match is found in any part of a document, and ranked by where its words are
// (title, then tags and summary, then the body alone); documents held from before the ranking vector
// are indexed by a process's first search.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDocument } from "../../src/domain/docs/docs.ts";
import { parseLibraryQuery } from "../../src/domain/docs/library-query.ts";
import { searchLibrary } from "../../src/domain/docs/library.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const SELF = { actor: "https://home.example/actors/home", origin: "https://home.example" };
const member = async () => true;

const query = (q: string) => {
  const parsed = parseLibraryQuery(q);
  if (!parsed.ok) throw new Error(q);
  return parsed.value;
};

/** Written a minute apart, in this order: the last is the most recently changed. */
async function write(docs: readonly { title: string; summary: string; body: string }[]) {
  const { db } = database();
  await database().rows(sql`delete from documents`);
  for (const [i, d] of docs.entries()) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, i));
    const written = await createDocument(db, SELF, { ...d, lang: "en", audience: "public" }, member, at);
    expect(written.ok).toBe(true);
  }
  return db;
}

const inTitle = { title: "Restic for small hosts", summary: "A guide", body: "How we keep copies." };
const inSummary = { title: "Nightly copies", summary: "Why restic suits us", body: "Copies kept for a month." };
// The word many times, in the body only, and written last: neither counts for more than a title.
const inBody = {
  title: "Storage notes",
  summary: "Disks and such",
  body: "Restic here, restic there: restic repositories, restic checks and restic prunes.",
};

describe("the library's ranking", () => {
  // First: a process indexes what it holds once, on its first search.
  it("indexes documents held from before the ranking on the first search", async () => {
    const db = await write([inTitle, inBody]);
    await database().rows(sql`update documents set rank_vector = null`);
    const found = await searchLibrary(db, query("q=restic"), "operator");
    expect(found.results.map((r) => r.title)).toEqual([inTitle.title, inBody.title]);
    const [unranked] = await database().rows<{ n: number }>(
      sql`select count(*)::int as n from documents where rank_vector is null`,
    );
    expect(unranked!.n).toBe(0);
  });

  it("ranks a title's words first, then a summary's, then a body's, and still finds the body's", async () => {
    const db = await write([inTitle, inSummary, inBody]);
    const found = await searchLibrary(db, query("q=restic"), "operator");
    expect(found.results.map((r) => r.title)).toEqual([inTitle.title, inSummary.title, inBody.title]);
    expect(found.total).toBe(3);
    expect(found.results[2]!.matched).toContain("restic");
  });
});
