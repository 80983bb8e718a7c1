// Cached search answers: reused while the directory is unchanged, dropped by any write to it
// (whoever makes it) and when a listed provider turns stale with the clock.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { parseDirectoryQuery, searchDirectory } from "../../src/domain/directory/search/index.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const add = (slug: string, name: string) =>
  applyReplica(database().db, {
    actorUri: `https://${slug}.example/actors/${slug}`,
    handle: `@${slug}@${slug}.example`,
    name,
    url: null,
    profile: profileSchema.parse({
      summary: "Email for unions",
      services: [{ kind: "email", price: { model: "donation" }, availability: "open" }],
    }),
  });
const query = (q: string) => {
  const parsed = parseDirectoryQuery(q);
  if (!parsed.ok) throw new Error(q);
  return parsed.value;
};
const day = 86_400_000;

describe("the directory search cache", () => {
  it("answers an identical search from memory until the directory changes", async () => {
    await add("one", "One Co-op");
    const first = await searchDirectory(database(), query("kind=email"), { staleAfterMs: day });
    expect(first.total).toBe(1);
    expect(await searchDirectory(database(), query("kind=email"), { staleAfterMs: day })).toBe(first);
    // Computed again when asked not to use the cache: equal, not the same answer.
    const uncached = await searchDirectory(database(), query("kind=email"), { staleAfterMs: day, cache: false });
    expect(uncached).not.toBe(first);
    expect(uncached).toEqual(first);

    await add("two", "Two Co-op");
    const second = await searchDirectory(database(), query("kind=email"), { staleAfterMs: day });
    expect(second.results.map((r) => r.name)).toEqual(["One Co-op", "Two Co-op"]);

    // A write from anywhere (another process, an operator's SQL) counts too.
    await database().rows(sql`delete from directory_providers where actor_uri = 'https://one.example/actors/one'`);
    expect(
      (await searchDirectory(database(), query("kind=email"), { staleAfterMs: day })).results.map((r) => r.name),
    ).toEqual(["Two Co-op"]);
  });

  it("does not keep an answer past the moment a provider on it turns stale", async () => {
    await add("three", "Three Co-op");
    const staleAfterMs = 500;
    const fresh = await searchDirectory(database(), query("q=three"), { staleAfterMs });
    expect(fresh.results[0]).toMatchObject({ name: "Three Co-op", stale: false });
    await new Promise((r) => setTimeout(r, staleAfterMs + 100));
    const later = await searchDirectory(database(), query("q=three"), { staleAfterMs });
    expect(later.results[0]).toMatchObject({ name: "Three Co-op", stale: true });
  });
});
