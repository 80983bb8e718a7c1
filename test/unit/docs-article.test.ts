import { describe, expect, it } from "vitest";
import type { DocumentContent } from "../../src/domain/docs/document.ts";
import { appendRevision, firstRevision, type History } from "../../src/domain/docs/revisions.ts";
import type { Translation } from "../../src/domain/docs/translations.ts";
import { AS_PUBLIC, buildArticle, parseArticle } from "../../src/federation/mappers/article.ts";

const ACTOR = "https://a.example/actor";
const ID = "https://a.example/docs/0193";
const content: DocumentContent = {
  title: "Running mail together",
  summary: "How the members share one server",
  body: "# Mail\n\nWe run **one** server.\n",
  lang: "en",
  tags: ["mail", "ops"],
};
const first = firstRevision({ content, author: ACTOR, at: "2026-11-01T10:00:00.000Z" });
const fr: Translation = {
  lang: "fr",
  of: first[0]!.digest,
  title: "Le courriel ensemble",
  summary: "Comment partager un serveur",
  body: "# Courriel\n\nUn *seul* serveur.\n",
  translator: "https://t.example/actor",
  at: "2026-11-02T10:00:00.000Z",
};
const tagUrl = (tag: string) => `https://a.example/tags/${tag}`;
const publicAudience = { kind: "public", followers: `${ACTOR}/followers` } as const;

const article = (history: History = first, extra: Partial<Parameters<typeof buildArticle>[0]> = {}) =>
  buildArticle({
    id: ID,
    url: "https://a.example/@coop/docs/0193",
    attributedTo: ACTOR,
    history,
    translations: [fr],
    audience: publicAudience,
    tagUrl,
    ...extra,
  });

describe("a document as an Article", () => {
  it("carries the title, summary and HTML in every current language, the original first, and the markdown source", () => {
    expect(article()).toEqual({
      "@context": ["https://www.w3.org/ns/activitystreams", { Hashtag: "as:Hashtag" }],
      type: "Article",
      id: ID,
      attributedTo: ACTOR,
      name: "Running mail together",
      nameMap: { en: "Running mail together", fr: "Le courriel ensemble" },
      summary: "How the members share one server",
      summaryMap: { en: "How the members share one server", fr: "Comment partager un serveur" },
      content: "<h1>Mail</h1>\n<p>We run <strong>one</strong> server.</p>\n",
      contentMap: {
        en: "<h1>Mail</h1>\n<p>We run <strong>one</strong> server.</p>\n",
        fr: "<h1>Courriel</h1>\n<p>Un <em>seul</em> serveur.</p>\n",
      },
      mediaType: "text/html",
      source: { content: "# Mail\n\nWe run **one** server.\n", mediaType: "text/markdown" },
      tag: [
        { type: "Hashtag", name: "#mail", href: "https://a.example/tags/mail" },
        { type: "Hashtag", name: "#ops", href: "https://a.example/tags/ops" },
      ],
      url: "https://a.example/@coop/docs/0193",
      published: "2026-11-01T10:00:00.000Z",
      to: [AS_PUBLIC],
      cc: [`${ACTOR}/followers`],
    });
    expect(Object.keys(article().contentMap as object)[0]).toBe("en");
  });

  it("leaves an outdated translation out, and says when it was updated", () => {
    const next = appendRevision(first, {
      content: { ...content, body: "# Mail\n\nTwo servers.\n" },
      author: ACTOR,
      at: "2026-11-03T10:00:00.000Z",
    });
    if (!next.ok) throw new Error(next.error.reason);
    const a = article(next.value.history);
    expect(a.contentMap).toEqual({ en: "<h1>Mail</h1>\n<p>Two servers.</p>\n" });
    expect(a.nameMap).toEqual({ en: "Running mail together" });
    expect(a.updated).toBe("2026-11-03T10:00:00.000Z");
  });

  it("for a network's members, names them and is never public", () => {
    const members = [
      "https://b.example/actor",
      "https://c.example/actor",
      "https://b.example/actor",
      AS_PUBLIC,
      "as:Public",
    ];
    const a = article(first, { audience: { kind: "network", members } });
    expect({ to: a.to, cc: a.cc }).toEqual({ to: ["https://b.example/actor", "https://c.example/actor"], cc: [] });
    const back = parseArticle(JSON.parse(JSON.stringify(a)));
    expect(back.ok && back.value.audience).toEqual({
      kind: "restricted",
      recipients: ["https://b.example/actor", "https://c.example/actor"],
    });
  });

  it("comes back from JSON as the same domain values", () => {
    const back = parseArticle(JSON.parse(JSON.stringify(article())));
    expect(back).toEqual({
      ok: true,
      value: {
        id: ID,
        url: "https://a.example/@coop/docs/0193",
        attributedTo: ACTOR,
        published: "2026-11-01T10:00:00.000Z",
        content,
        digest: first[0]!.digest,
        html: "<h1>Mail</h1>\n<p>We run <strong>one</strong> server.</p>\n",
        translations: [
          {
            lang: "fr",
            title: "Le courriel ensemble",
            summary: "Comment partager un serveur",
            html: "<h1>Courriel</h1>\n<p>Un <em>seul</em> serveur.</p>\n",
          },
        ],
        audience: { kind: "public" },
      },
    });
  });
});

describe("an incoming Article", () => {
  const sent = () => JSON.parse(JSON.stringify(article())) as Record<string, unknown>;

  it("has its HTML sanitised again, whatever the sender did", () => {
    const hostile = {
      ...sent(),
      content: '<p>hi<script>alert(1)</script><a href="javascript:x" onclick="y">z</a></p>',
      contentMap: {
        en: '<p>hi<script>alert(1)</script><a href="javascript:x" onclick="y">z</a></p>',
        fr: '<p>salut<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe></p>',
      },
    };
    const back = parseArticle(hostile);
    if (!back.ok) throw new Error(back.error.reason);
    expect(back.value.html).toBe('<p>hi<a rel="nofollow noopener noreferrer">z</a></p>');
    expect(back.value.translations[0]!.html).toBe("<p>salut</p>");
  });

  it("is refused when oversized", () => {
    const big = { ...sent(), source: { content: "a".repeat(204_801), mediaType: "text/markdown" } };
    const refused = parseArticle(big);
    expect(refused.ok || [refused.error.code, refused.error.reason, refused.error.vars]).toEqual([
      "too_large",
      "docs.article_too_large",
      { field: "body" },
    ]);
    const huge = { ...sent(), content: "<p>x</p>".repeat(200_000) };
    expect(parseArticle(huge).ok || "refused").toBe("refused");
    const manyTags = { ...sent(), tag: Array.from({ length: 21 }, (_, i) => ({ type: "Hashtag", name: `#t${i}` })) };
    const tags = parseArticle(manyTags);
    expect(tags.ok || [tags.error.code, tags.error.vars]).toEqual(["too_large", { field: "tags" }]);
    const title = parseArticle({ ...sent(), nameMap: { en: "t".repeat(201), fr: "x" } });
    expect(title.ok || title.error.code).toBe("too_large");
  });

  it("is refused when malformed", () => {
    const codes = (json: unknown) => {
      const r = parseArticle(json);
      return r.ok ? "accepted" : `${r.error.code} ${Object.keys(r.error.fields ?? {}).join(",")}`;
    };
    expect(codes({ ...sent(), type: "Note" })).toBe("invalid type");
    expect(codes({ ...sent(), id: "javascript:alert(1)" })).toBe("invalid id");
    expect(codes({ ...sent(), source: { content: "<p>x</p>", mediaType: "text/html" } })).toBe(
      "invalid source.mediaType",
    );
    expect(codes({ ...sent(), contentMap: undefined })).toBe("invalid contentMap");
    expect(codes({ ...sent(), contentMap: { english: "<p>x</p>" } })).toBe("invalid lang");
    expect(codes({ ...sent(), published: "yesterday" })).toBe("invalid published");
    expect(codes({ ...sent(), id: "https://evil.example/docs/0193" })).toBe("invalid id");
    expect(codes({ ...sent(), url: "https://evil.example/page" })).toBe("invalid url");
    expect(codes({ ...sent(), to: "https://b.example/actor", cc: undefined })).toBe("accepted");
    expect(codes("not an object")).toBe("invalid (root)");
  });
});
