import { describe, expect, it } from "vitest";
import type { DocumentContent } from "../../src/domain/docs/document.ts";
import {
  appendRevision,
  canonicalContent,
  contentDigest,
  findRevision,
  firstRevision,
  head,
} from "../../src/domain/docs/revisions.ts";

const content: DocumentContent = {
  title: "Backups",
  summary: "What we keep",
  body: "Nightly.\n",
  lang: "en",
  tags: ["ops", "backup"],
};
const A = "https://a.example/actor";
const B = "https://b.example/actor";

describe("a revision's digest", () => {
  it("is sha-256 over the canonical form, fixed for a given content", () => {
    expect(canonicalContent(content)).toBe(
      '{"body":"Nightly.\\n","lang":"en","summary":"What we keep","tags":["backup","ops"],"title":"Backups","v":1}',
    );
    // sha256sum of the line above, computed outside the code under test.
    expect(contentDigest(content)).toBe("sha256:15f9eac1229cf339bac7d604db8161c72ce445ffa1a8317059abcc8e0670e983");
  });

  it("does not change with what is not an edit: tag order and case, CRLF, NFD, spaces around the title", () => {
    const same = contentDigest(content);
    expect(contentDigest({ ...content, tags: ["backup", "ops"] })).toBe(same);
    expect(contentDigest({ ...content, tags: ["#OPS", "Backup"] })).toBe(same);
    expect(contentDigest({ ...content, body: "Nightly.\r\n" })).toBe(same);
    expect(contentDigest({ ...content, title: " Backups  " })).toBe(same);
    expect(contentDigest({ ...content, summary: "What we keep".normalize("NFD") })).toBe(same);
  });

  it("changes with every part it covers", () => {
    const same = contentDigest(content);
    const changed = [
      { ...content, title: "Backup" },
      { ...content, summary: "What we keep." },
      { ...content, body: "Nightly.\n\n" },
      { ...content, body: "nightly.\n" },
      { ...content, lang: "en-GB" },
      { ...content, tags: ["ops"] },
      { ...content, tags: ["ops", "backup", "mail"] },
    ].map(contentDigest);
    expect(new Set(changed).size).toBe(changed.length);
    expect(changed).not.toContain(same);
  });
});

describe("the history", () => {
  const first = firstRevision({ content, author: A, at: "2026-11-01T10:00:00Z", message: "first" });

  it("appends an edit as the next revision", () => {
    const edited = appendRevision(first, {
      content: { ...content, body: "Nightly, kept 30 days.\n" },
      author: A,
      at: "2026-11-02T10:00:00Z",
    });
    if (!edited.ok) throw new Error(edited.error.reason);
    expect(edited.value.changed).toBe(true);
    expect(edited.value.history.map((r) => r.number)).toEqual([1, 2]);
    expect(head(edited.value.history)).toMatchObject({ number: 2, author: A, message: "" });
    expect(head(edited.value.history).digest).toBe(contentDigest({ ...content, body: "Nightly, kept 30 days.\n" }));
  });

  it("does not make a revision of an edit identical to the head", () => {
    const same = appendRevision(first, {
      content: { ...content, tags: ["backup", "OPS"], body: "Nightly.\r\n" },
      author: B,
      at: "2026-11-02T10:00:00Z",
    });
    expect(same).toEqual({ ok: true, value: { history: first, revision: first[0], changed: false } });
  });

  it("refuses an edit started from a revision that is no longer the head", () => {
    const second = appendRevision(first, {
      content: { ...content, title: "B2" },
      author: A,
      at: "2026-11-02T00:00:00Z",
    });
    if (!second.ok) throw new Error("expected a revision");
    const stale = appendRevision(second.value.history, {
      content: { ...content, title: "B3" },
      author: A,
      at: "2026-11-03T00:00:00Z",
      base: first[0]!.digest,
    });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: "conflict",
        reason: "docs.stale_base",
        vars: { base: first[0]!.digest, head: second.value.revision.digest },
      },
    });
  });

  it("refuses an edit dated before the head", () => {
    const early = appendRevision(first, {
      content: { ...content, title: "B2" },
      author: A,
      at: "2026-10-01T00:00:00Z",
    });
    expect(early.ok || early.error.reason).toBe("docs.revision_before_head");
  });

  it("names a reverted content by its earlier digest, found at its latest number", () => {
    const two = appendRevision(first, { content: { ...content, title: "B2" }, author: A, at: "2026-11-02T00:00:00Z" });
    if (!two.ok) throw new Error("expected a revision");
    const back = appendRevision(two.value.history, { content, author: A, at: "2026-11-03T00:00:00Z" });
    if (!back.ok) throw new Error("expected a revision");
    expect(back.value.revision.digest).toBe(first[0]!.digest);
    expect(findRevision(back.value.history, first[0]!.digest)?.number).toBe(3);
    expect(findRevision(back.value.history, "sha256:0")).toBeUndefined();
  });
});
