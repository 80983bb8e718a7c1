import "temporal-polyfill/global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopAll } from "../helpers/instance.ts";
import { type ApiClient, callApi, startApi } from "./api-client.ts";

const DIGEST = /^sha256:[0-9a-f]{64}$/;

const draft = {
  title: "Backups",
  summary: "How we keep copies",
  body: "# Backups\n\nWe copy every night.\nWe keep thirty days.\n",
  lang: "en",
  tags: ["#Ops", "backups"],
  audience: "public",
};

describe("API shared documents", () => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(async () => stopAll(api?.instance));

  it("writes a document, revises it, skips an identical edit, and diffs two revisions", async () => {
    const created = await api.call("POST", "/api/v1/docs", draft);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { key, id, revision } = created.body;
    expect(id).toBe(`${api.instance.origin}/docs/${key}`);
    expect(revision).toMatch(DIGEST);

    const edited = { ...draft, body: "# Backups\n\nWe copy every night.\nWe keep ninety days.\n" };
    const revised = await api.call("PUT", `/api/v1/docs/${key}`, edited);
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ key, id, number: 2, changed: true });
    expect(revised.body.revision).not.toBe(revision);

    // The same content again (tags in another order, CRLF line ends) is not a revision.
    const same = await api.call("PUT", `/api/v1/docs/${key}`, {
      ...edited,
      tags: ["backups", "ops"],
      body: edited.body.replace(/\n/g, "\r\n"),
    });
    expect(same.body).toMatchObject({ number: 2, changed: false, revision: revised.body.revision });

    // An edit started from the first revision is stale.
    const stale = await api.call("PUT", `/api/v1/docs/${key}`, { ...draft, body: "other", base: revision });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");

    const revisions = await api.call("GET", `/api/v1/docs/${key}/revisions`);
    expect(revisions.status).toBe(200);
    expect(revisions.body.items).toHaveLength(2);
    expect(revisions.body.items[0]).toMatchObject({
      number: 1,
      digest: revision,
      author: `${api.instance.origin}/actors/provider`,
    });
    expect(revisions.body.items[1].digest).toBe(revised.body.revision);

    const diff = await api.call(
      "GET",
      `/api/v1/docs/${key}/diff?from=1&to=${encodeURIComponent(revised.body.revision)}`,
    );
    expect(diff.status, JSON.stringify(diff.body)).toBe(200);
    expect(diff.body).toMatchObject({ added: 1, removed: 1, approximate: false });
    const lines = diff.body.hunks.flatMap((h: { lines: { kind: string; text: string }[] }) => h.lines);
    expect(lines.filter((l: { kind: string }) => l.kind !== "context")).toMatchObject([
      { kind: "delete", text: "We keep thirty days." },
      { kind: "insert", text: "We keep ninety days." },
    ]);

    const unknown = await api.call("GET", `/api/v1/docs/${key}/diff?from=1&to=7`);
    expect(unknown.status).toBe(404);

    const read = await api.call("GET", `/api/v1/docs/${key}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ key, id, number: 2, title: "Backups", tags: ["ops", "backups"], local: true });
    // By its URI as well as by its key.
    expect((await api.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`)).body.key).toBe(key);
  });

  it("marks a translation outdated once the original has a newer revision", async () => {
    const { key } = (await api.call("POST", "/api/v1/docs", draft)).body;
    const translated = await api.call("POST", `/api/v1/docs/${key}/translations`, {
      lang: "fr",
      title: "Sauvegardes",
      summary: "Comment nous gardons des copies",
      body: "# Sauvegardes\n\nNous copions chaque nuit.\n",
    });
    expect(translated.status, JSON.stringify(translated.body)).toBe(201);
    expect(translated.body).toMatchObject({ lang: "fr", outdated: false });

    const before = await api.call("GET", `/api/v1/docs/${key}`);
    expect(before.body.translations).toMatchObject([{ lang: "fr", outdated: false, behind: 0 }]);

    await api.call("PUT", `/api/v1/docs/${key}`, { ...draft, body: `${draft.body}\nAnd we test restores.\n` });
    const after = await api.call("GET", `/api/v1/docs/${key}`);
    expect(after.body.translations).toMatchObject([{ lang: "fr", outdated: true, behind: 1 }]);

    const same = await api.call("POST", `/api/v1/docs/${key}/translations`, { lang: "en", title: "x", body: "y" });
    expect(same.status).toBe(422);
  });

  it("refuses invalid input with 422 naming the fields", async () => {
    const bad = await api.call("POST", "/api/v1/docs", {
      ...draft,
      title: "",
      lang: "english",
      tags: ["no spaces allowed"],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["lang", "tags.0", "title"]);
    expect(bad.body.error.fields.lang).toMatch(/language tag/i);

    const noNetwork = await api.call("POST", "/api/v1/docs", { ...draft, audience: "network" });
    expect(noNetwork.status).toBe(422);
    expect(Object.keys(noNetwork.body.error.fields)).toEqual(["network"]);

    const missing = await api.call("POST", "/api/v1/docs", { title: "Only a title" });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(expect.arrayContaining(["body", "lang", "audience"]));

    const tooBig = await api.call("POST", "/api/v1/docs", { ...draft, body: "x".repeat(201 * 1024) });
    expect(tooBig.status).toBe(422);
    expect(Object.keys(tooBig.body.error.fields)).toEqual(["body"]);

    // A network this provider is not in.
    const notMember = await api.call("POST", "/api/v1/docs", {
      ...draft,
      audience: "network",
      network: "https://elsewhere.example/networks/abc",
    });
    expect(notMember.status).toBe(422);
    expect(Object.keys(notMember.body.error.fields)).toEqual(["network"]);
  });

  it("answers 404 for what is not held, and refuses a request without a token", async () => {
    expect((await api.call("GET", "/api/v1/docs/nothing-here")).status).toBe(404);
    expect((await api.call("GET", "/api/v1/docs/nothing-here/revisions")).status).toBe(404);
    expect((await api.call("PUT", "/api/v1/docs/nothing-here", draft)).status).toBe(404);
    expect(
      (await api.call("POST", "/api/v1/docs/nothing-here/translations", { lang: "fr", title: "t", body: "b" })).status,
    ).toBe(404);
    expect((await api.call("POST", "/api/v1/docs/proposals/nothing/accept")).status).toBe(404);
    const page = await fetch(`${api.instance.origin}/docs/nothing-here`);
    expect(page.status).toBe(404);

    for (const [method, path, body] of [
      ["GET", "/api/v1/docs", undefined],
      ["POST", "/api/v1/docs", draft],
      ["GET", "/api/v1/docs/proposals", undefined],
    ] as const) {
      const anonymous = await callApi(api.instance.origin, undefined, method, path, body);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
  });

  it("refuses a proposal from the document's own writer, and lists the documents and proposals", async () => {
    const { id } = (await api.call("POST", "/api/v1/docs", draft)).body;
    const own = await api.call("POST", "/api/v1/docs/proposals", { doc: id, body: "changed", message: "why" });
    expect(own.status).toBe(422);
    expect(own.body.error.code).toBe("invalid");
    const unknown = await api.call("POST", "/api/v1/docs/proposals", {
      doc: "https://elsewhere.example/docs/x",
      body: "changed",
      message: "why",
    });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.error.fields)).toEqual(["doc"]);

    const listed = await api.call("GET", "/api/v1/docs");
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(id);
    const proposals = await api.call("GET", "/api/v1/docs/proposals");
    expect(proposals.body).toEqual({ items: [] });
  });

  it("shows a public document as a page and as an Article", async () => {
    const { key, id } = (await api.call("POST", "/api/v1/docs", draft)).body;
    const page = await fetch(id, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1");
    expect(html).toContain("Backups");
    expect(html).toContain("We copy every night.");
    expect(html).toContain('name="viewport"');
    expect(html).not.toContain("<script");

    const json = await fetch(id, { headers: { accept: "application/activity+json" } });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/activity\+json|ld\+json/);
    const article = await json.json();
    expect(article).toMatchObject({
      type: "Article",
      id,
      url: id,
      name: "Backups",
      summary: "How we keep copies",
      attributedTo: `${api.instance.origin}/actors/provider`,
      source: { content: draft.body, mediaType: "text/markdown" },
    });
    expect(key).toBeTruthy();
  });
});
