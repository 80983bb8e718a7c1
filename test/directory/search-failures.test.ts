// A search that fails on the public page answers a page: HTML, in the visitor's language, with a
// 4xx; never JSON, never a 500.
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabase } from "../helpers/database.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { adminSql } from "../helpers/pg-admin.ts";

describe("the directory page when a search fails", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => {
    await stopAll(instance);
    instance = undefined;
  });

  it("says what is not valid in the visitor's language", async () => {
    instance = await startInstance({ handle: "alpha", queue: false });
    const res = await fetch(`${instance.origin}/directory?kind=bogus&minStorageGb=-1`, {
      headers: { "accept-language": "fr" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("Cette recherche n’est pas valide\u00a0: ");
    expect(page).toContain("kind.0: Choisissez l’une des options.");
    expect(page).toContain("minStorageGb: Au moins 0.");
    expect(page).toMatch(/<form method="get" action="\/directory[^"]*" role="search">/);
  });

  it("answers a contact form too large with a page, not plain text", async () => {
    instance = await startInstance({ handle: "alpha", queue: false });
    const res = await fetch(`${instance.origin}/directory/contact`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "fr" },
      body: `message=${"x".repeat(20_000)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("Ce que vous avez envoyé est trop volumineux.");
  });

  it("answers a search the database stops (too costly) with a page and a 400", { timeout: 120_000 }, async () => {
    const testDatabase = await freshDatabase();
    const url = testDatabase.target.databaseUrl;
    if (url) {
      // Stemming made slow in this database alone: longer than the search's 2-second statement limit.
      const admin = adminSql(url);
      await admin.unsafe(`create function public.plainto_tsquery(regconfig, text) returns tsquery
        language sql as $$ select pg_sleep(5); select pg_catalog.plainto_tsquery($1, $2) $$`);
      await admin.unsafe(`alter database "${new URL(url).pathname.slice(1)}" set search_path = public, pg_catalog`);
      await admin.end();
    }
    instance = await startInstance({ handle: "alpha", queue: false, testDatabase });
    const res = await fetch(`${instance.origin}/directory?q=cooperative+hosting`, {
      headers: { "accept-language": "de" },
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    if (url) {
      expect(res.status).toBe(400);
      expect(page).toContain("Diese Suche ist zu aufwendig; grenze sie ein.");
    } else {
      // PGlite runs in this process and sets no statement limit: the same search completes.
      expect(res.status).toBe(200);
    }
    expect(page).toMatch(/<form method="get" action="\/directory[^"]*" role="search">/);

    // The API answers the same failure as JSON, with the code it always had.
    const api = await fetch(`${instance.origin}/api/v1/directory?q=cooperative+hosting`);
    if (url) {
      expect(api.status).toBe(400);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe("too_complex");
    } else expect(api.status).toBe(200);
  });
});
