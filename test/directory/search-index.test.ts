// The search index kept in memory: it follows every write to the database (by this process or any
// other), reads a provider's document again only when its profile may have changed, reloads whole
// when the change log no longer reaches back to it, and matches as PostgreSQL's full-text search does.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/client.ts";
import { applyReplica, markSeen } from "../../src/domain/directory/replica.repository.ts";
import {
  parseDirectoryQuery,
  pruneDirectoryChanges,
  SearchIndexStore,
  syncSql,
} from "../../src/domain/directory/search/index.ts";
import { queryWords, textArray } from "../../src/domain/directory/search/terms.ts";
import { searchConfigs } from "../../src/domain/directory/search/text.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const uri = (slug: string) => `https://${slug}.example/actors/${slug}`;
const add = (slug: string, name: string, profile: Record<string, unknown> = {}) =>
  applyReplica(database().db, {
    actorUri: uri(slug),
    handle: `@${slug}@${slug}.example`,
    name,
    url: null,
    profile: profileSchema.parse({
      summary: "Email for unions",
      services: [{ kind: "email", price: { model: "donation" }, availability: "open" }],
      ...profile,
    }),
  });
const query = (q: string) => {
  const parsed = parseDirectoryQuery(q);
  if (!parsed.ok) throw new Error(q);
  return parsed.value;
};
/** The names a store's index finds for a query, after catching up with the database. */
async function found(store: SearchIndexStore, q: string): Promise<string[]> {
  await store.sync();
  const parsed = query(q);
  const terms = parsed.q ? await store.queryTerms(queryWords(parsed.q)) : undefined;
  return store.index.search(parsed, terms, 0, 50).page.map((p) => p.actorUri.split("/").pop()!);
}

describe("the directory search index", () => {
  it("follows writes from anywhere, and removals", async () => {
    const store = new SearchIndexStore(database());
    await add("one", "One Co-op", { place: { country: "FR" } });
    expect(await found(store, "country=FR")).toEqual(["one"]);
    // Another writer: an operator's SQL, another process.
    await database().rows(sql`update directory_providers set country = 'DE' where actor_uri = ${uri("one")}`);
    expect(await found(store, "country=FR")).toEqual([]);
    expect(await found(store, "country=DE")).toEqual(["one"]);
    await add("one", "One Co-op", { summary: "Websites for tenants", place: { country: "DE" } });
    expect(await found(store, "q=tenants")).toEqual(["one"]);
    expect(await found(store, "q=unions")).toEqual([]);
    await database().rows(sql`delete from directory_providers where actor_uri = ${uri("one")}`);
    expect(await found(store, "country=DE")).toEqual([]);
    expect(store.index.size).toBe(0);
  });

  it("reads a provider's document again only when its profile was fetched anew", async () => {
    await add("two", "Two Co-op");
    const [state] = await rowsOf<{ version: number }>(
      database().db,
      sql`select version::float8 as version from directory_state`,
    );
    const version = state!.version;
    const changedSince = async () =>
      (await rowsOf<{ changed: string | null; vector: string | null }>(database().db, syncSql(version))).filter(
        (r) => r.changed,
      );
    await markSeen(database().db, uri("two"));
    expect(await changedSince()).toEqual([expect.objectContaining({ changed: uri("two"), vector: null })]);
    await add("two", "Two Co-op");
    expect((await changedSince())[0]!.vector).toContain("'union'");
  });

  it("reloads whole when the change log was pruned or the table truncated", async () => {
    await database().rows(sql`delete from directory_providers`);
    const store = new SearchIndexStore(database());
    await add("three", "Three Co-op");
    expect(await found(store, "q=three")).toEqual(["three"]);
    // Changes this index has not read are pruned: it cannot catch up from the log.
    await add("four", "Four Co-op");
    await add("five", "Five Co-op");
    await pruneDirectoryChanges(database(), 1);
    await database().rows(sql`update directory_providers set country = 'IT' where actor_uri = ${uri("four")}`);
    expect(await found(store, "country=IT")).toEqual(["four"]);
    expect((await found(store, "kind=email")).sort()).toEqual(["five", "four", "three"]);
    await database().rows(sql`truncate directory_providers cascade`);
    expect(await found(store, "kind=email")).toEqual([]);
  });

  it("finds what PostgreSQL's full-text search finds, in every language", async () => {
    const store = new SearchIndexStore(database());
    await add("fr", "Collectif Courriel", {
      languages: ["fr"],
      summary: "Hébergement de sites et de listes de diffusion pour les associations",
    });
    await add("es", "Cooperativa Correo", {
      languages: ["es"],
      summary: "Alojamiento de páginas web y correo para sindicatos",
    });
    await add("de", "Kollektiv Netz", {
      languages: ["de"],
      summary: "Webseiten und Mailinglisten für Gewerkschaften und Vereine",
    });
    await add("en", "Tenants Mail", {
      languages: ["en"],
      summary: "Hosting websites and mailing lists for tenants' unions",
    });
    await add("pt", "Coletivo Rede", {
      languages: ["pt"],
      summary: "Hospedagem de sites e listas para sindicatos e associações",
    });
    for (const q of [
      "hebergement",
      "sindicatos",
      "websites",
      "listes diffusion",
      "mailinglisten",
      "associacoes",
      "unions",
      "hosting lists",
      "correo",
      "email",
    ]) {
      // Every word, in any language's stemming: the condition the index applies.
      const condition = sql.join(
        queryWords(q).map(
          (w) =>
            sql`p.search_vector @@ (select string_agg(plainto_tsquery(c::regconfig, ${w})::text, ' | ')::tsquery from unnest(${textArray(searchConfigs)}) c)`,
        ),
        sql` and `,
      );
      const expected = await rowsOf<{ slug: string }>(
        database().db,
        sql`select split_part(p.actor_uri, '/', 5) as slug from directory_providers p where ${condition}`,
      );
      expect((await found(store, `q=${encodeURIComponent(q)}`)).sort(), q).toEqual(expected.map((r) => r.slug).sort());
    }
  });
});
