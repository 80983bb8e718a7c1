import "temporal-polyfill/global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveArticle } from "../../src/domain/docs/incoming.ts";
import { receiveActorDeletion } from "../../src/domain/remote-actors/incoming.ts";
import { refreshReplica } from "../../src/federation/directory/replication.ts";
import { stopAll } from "../helpers/instance.ts";
import { recordingServer } from "../helpers/recording-server.ts";
import { type ApiClient, startApi } from "./api-client.ts";

const PEER = "https://peer.example/actors/provider";
const NETWORK = "https://peer.example/networks/0123456789abcdef0123";
const anyone = { fellow: async () => true, memberOf: async () => true };

const french = {
  title: "Nos hébergements mutualisés",
  summary: "Ce que nous offrons aux associations",
  body: "Les hébergements mutualisés de la coopérative accueillent les sites des associations du quartier.",
  lang: "fr",
  tags: ["hosting"],
  audience: "public",
};
const english = {
  title: "Nightly backup",
  summary: "How we keep copies",
  body: "Every night a backup of each mailbox goes to a second site, kept for thirty days.",
  lang: "en",
  tags: ["ops", "backups"],
  audience: "public",
};

type Result = { key: string; id: string; title: string; gone: boolean; audience: string; matched: string[] };
const titles = (body: { results: Result[] }) => body.results.map((r) => r.title).sort();

describe("API library search", () => {
  let api: ApiClient;
  const search = async (query: string) => {
    const res = await api.call("GET", `/api/v1/library?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const publicPage = async (query: string) => {
    const res = await fetch(new URL(`/library?${query}`, api.instance.origin));
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    api = await startApi();
    for (const doc of [french, english]) {
      const created = await api.call("POST", "/api/v1/docs", doc);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const db = api.instance.services.database.db;
    const at = "2026-01-01T00:00:00.000Z";
    const members = await receiveArticle(
      db,
      {
        id: "https://peer.example/docs/members",
        attributedTo: PEER,
        published: at,
        content: {
          title: "Members' backup rota",
          summary: "Who restores what",
          body: "The backup rota of the network's members, not for the public.",
          lang: "en",
          tags: ["ops"],
        },
        audience: { kind: "network", network: NETWORK },
      },
      PEER,
      anyone,
    );
    expect(members).toEqual({ ok: true, value: "created" });
    const shared = await receiveArticle(
      db,
      {
        id: "https://peer.example/docs/guia",
        attributedTo: PEER,
        published: at,
        content: {
          title: "Guía de copias de seguridad",
          summary: "Copias cada noche",
          body: "Hacemos copias de seguridad de los buzones cada noche.",
          lang: "es",
          tags: ["ops"],
        },
        audience: { kind: "public" },
      },
      PEER,
      anyone,
    );
    expect(shared).toEqual({ ok: true, value: "created" });
  }, 60_000);
  afterAll(async () => stopAll(api?.instance));

  it("finds French and English documents by other forms of their words, and says which matched", async () => {
    const fr = await search("q=h%C3%A9bergement");
    expect(titles(fr)).toEqual([french.title]);
    expect(fr.results[0].matched).toContain("hébergements");
    expect(fr.results[0].snippet).toContain("hébergements");

    const en = await search("q=backups");
    expect(titles(en)).toEqual([english.title, "Members' backup rota"].sort());
    expect(en.facets.lang).toEqual({ en: 2 });
    expect(en.facets.tag).toMatchObject({ ops: 2, backups: 1 });

    // Without accents, as people type on some keyboards.
    expect(titles(await search("q=hebergements"))).toEqual([french.title]);
    expect(titles(await search("q=seguridades"))).toEqual(["Guía de copias de seguridad"]);
  });

  it("reads a word nothing has as the nearest known one", async () => {
    const typo = await search("q=mailbax");
    expect(typo.corrected).toEqual({ mailbax: ["mailbox"] });
    expect(titles(typo)).toEqual([english.title]);
    expect(titles(await search("q=zzqqxx"))).toEqual([]);
  });

  it("filters by tag, language, author and group", async () => {
    expect(titles(await search("tag=ops&tag=backups"))).toEqual([english.title]);
    expect(titles(await search("tag=hosting"))).toEqual([french.title]);
    expect(titles(await search("lang=es"))).toEqual(["Guía de copias de seguridad"]);
    expect(titles(await search("lang=fr,en&q=backup"))).toEqual([english.title, "Members' backup rota"].sort());
    expect(titles(await search(`author=${encodeURIComponent(PEER)}`))).toEqual(
      ["Guía de copias de seguridad", "Members' backup rota"].sort(),
    );
    const self = `${api.instance.origin}/actors/provider`;
    expect(titles(await search(`author=${encodeURIComponent(self)}&q=backup`))).toEqual([english.title]);
    // No document has a group yet: the filter is valid, and matches none.
    expect((await search(`group=${encodeURIComponent("https://peer.example/groups/g")}`)).total).toBe(0);
    const all = await search("");
    expect(all.total).toBe(4);
    expect(all.facets.lang).toEqual({ en: 2, es: 1, fr: 1 });
  });

  it("refuses malformed filters", async () => {
    for (const bad of ["group=not-a-url", "lang=english!", "author=ftp%3A%2F%2Fx", "pageSize=500", "unknown=1"]) {
      const res = await api.call("GET", `/api/v1/library?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe("invalid");
    }
  });

  it("pages results with a stable total", async () => {
    const first = await search("pageSize=3");
    const second = await search("pageSize=3&page=2");
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect(first.results).toHaveLength(3);
    expect(second.results).toHaveLength(1);
    expect(new Set([...first.results, ...second.results].map((r: Result) => r.key)).size).toBe(4);
  });

  it("shows network documents to operators only, never on the public page", async () => {
    const api_ = await search("q=rota");
    expect(api_.results.map((r: Result) => r.audience)).toEqual(["network"]);

    const page = await publicPage("q=rota");
    expect(page).not.toContain("Members");
    expect(page).toContain("No document matches");
    const all = await publicPage("q=backup");
    expect(all).toContain(english.title);
    expect(all).not.toContain("Members");
    expect(all).not.toContain("not for the public");
    const key = api_.results[0].key;
    expect((await fetch(new URL(`/library/${key}`, api.instance.origin))).status).toBe(404);
    // Nor do its words leak as typo corrections on the public page.
    const typo = await publicPage("q=rotta");
    expect(typo).not.toContain("rota");
    expect(typo).not.toContain("Members");
    expect(await publicPage("q=hébergement")).toContain(french.title);
  });

  it("keeps an author's documents readable and searchable once the author is gone, marked so", async () => {
    await receiveActorDeletion(api.instance.services.database.db, PEER);
    const found = await search("q=seguridad");
    expect(found.results).toMatchObject([{ title: "Guía de copias de seguridad", gone: true }]);
    const res = await fetch(new URL(`/library/${found.results[0].key}`, api.instance.origin));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Hacemos copias de seguridad");
    expect(html).toContain('class="warn"');
    const read = await api.call("GET", `/api/v1/docs/${found.results[0].key}`);
    expect(read.status).toBe(200);
    expect(read.body.gone).toBe(true);
  });

  it("marks an author's documents gone when its actor answers 410 to the directory's refresh", async () => {
    const server = await recordingServer(410);
    try {
      const author = `${server.origin}/actors/provider`;
      const db = api.instance.services.database.db;
      const held = await receiveArticle(
        db,
        {
          id: `${server.origin}/docs/closing`,
          attributedTo: author,
          published: "2026-01-01T00:00:00.000Z",
          content: { title: "Closing notes", summary: "", body: "Our last words.", lang: "en", tags: [] },
          audience: { kind: "public" },
        },
        author,
        anyone,
      );
      expect(held.ok).toBe(true);
      const query = `author=${encodeURIComponent(author)}`;
      expect((await search(query)).results).toMatchObject([{ title: "Closing notes", gone: false }]);
      const outcome = await refreshReplica(api.instance.services, author, { depth: 1 });
      expect(outcome.status).toBe("gone");
      expect((await search(query)).results).toMatchObject([{ title: "Closing notes", gone: true }]);
    } finally {
      await server.close();
    }
  });

  it("finds a regional language by its primary subtag, and only the region asked for", async () => {
    const db = api.instance.services.database.db;
    const received = await receiveArticle(
      db,
      {
        id: "https://peer.example/docs/senhas",
        attributedTo: PEER,
        published: "2026-01-02T00:00:00.000Z",
        content: {
          title: "Senhas da cooperativa",
          summary: "Como guardamos",
          body: "Cada senha num cofre.",
          lang: "pt-BR",
          tags: [],
        },
        audience: { kind: "public" },
      },
      PEER,
      anyone,
    );
    expect(received).toEqual({ ok: true, value: "created" });
    expect(titles(await search("lang=pt"))).toEqual(["Senhas da cooperativa"]);
    expect(titles(await search("lang=pt-br&q=senha"))).toEqual(["Senhas da cooperativa"]);
    expect(titles(await search("lang=pt-pt"))).toEqual([]);
    expect(titles(await search("lang=es,pt"))).toEqual(["Guía de copias de seguridad", "Senhas da cooperativa"]);
    expect((await search("lang=pt")).facets.lang).toEqual({ "pt-BR": 1 });
  });
});
