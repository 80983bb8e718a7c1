// Kept library answers: reused while the documents held are unchanged, dropped by any write to them
// (a new document, a revision, an operator's SQL), and never shared between the operators' scope and
// the public one.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDocument, updateDocument } from "../../src/domain/docs/docs.ts";
import { parseLibraryQuery } from "../../src/domain/docs/library-query.ts";
import { searchLibrary } from "../../src/domain/docs/library.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const SELF = { actor: "https://home.example/actors/home", origin: "https://home.example" };
const NETWORK = "https://home.example/networks/abc";
const member = async () => true;

const query = (q: string) => {
  const parsed = parseLibraryQuery(q);
  if (!parsed.ok) throw new Error(q);
  return parsed.value;
};
const doc = (title: string, audience: "public" | "network" = "public") => ({
  title,
  body: `${title}: we copy every night.`,
  lang: "en",
  audience,
  ...(audience === "network" ? { network: NETWORK } : {}),
});

describe("the library's kept answers", () => {
  it("answers an identical search from memory until the documents held change", async () => {
    const { db } = database();
    const one = await createDocument(db, SELF, doc("Backups one"), member);
    expect(one.ok).toBe(true);
    const first = await searchLibrary(db, query("q=backups"), "operator");
    expect(first.total).toBe(1);
    expect(await searchLibrary(db, query("q=backups"), "operator")).toBe(first);
    // Computed again when asked not to use what is kept: equal, not the same answer.
    const computed = await searchLibrary(db, query("q=backups"), "operator", { cache: false });
    expect(computed).not.toBe(first);
    expect(computed).toEqual(first);

    // A network document: the operators' answer changes, the public one never shows it.
    expect((await searchLibrary(db, query("q=backups"), "public")).total).toBe(1);
    await createDocument(db, SELF, doc("Backups two", "network"), member);
    expect((await searchLibrary(db, query("q=backups"), "operator")).total).toBe(2);
    expect((await searchLibrary(db, query("q=backups"), "public")).total).toBe(1);

    // A revision changes what matches.
    if (!one.ok) return;
    await updateDocument(db, SELF, one.value.key, { ...doc("Restores one"), body: "Restores only." }, member);
    expect((await searchLibrary(db, query("q=backups"), "operator")).results.map((r) => r.title)).toEqual([
      "Backups two",
    ]);

    // A write from anywhere (another process, an operator's SQL) counts too.
    await database().rows(sql`delete from documents where audience = 'network'`);
    expect((await searchLibrary(db, query("q=backups"), "operator")).total).toBe(0);
  });
});
