import { describe, expect, it } from "vitest";
import type { DocumentContent } from "../../src/domain/docs/document.ts";
import { appendRevision, firstRevision, type History } from "../../src/domain/docs/revisions.ts";
import {
  chooseLanguage,
  parseTranslation,
  preferredLanguages,
  type Translation,
  translationState,
  withTranslation,
} from "../../src/domain/docs/translations.ts";

const content: DocumentContent = { title: "Backups", summary: "", body: "Nightly.\n", lang: "en", tags: [] };
const A = "https://a.example/actor";
const T = "https://t.example/actor";
const first = firstRevision({ content, author: A, at: "2026-11-01T00:00:00Z" });
const rev1 = first[0]!.digest;

function edited(history: History, body: string, at: string): History {
  const next = appendRevision(history, { content: { ...content, body }, author: A, at });
  if (!next.ok) throw new Error(next.error.reason);
  return next.value.history;
}

function translated(history: History, input: Record<string, unknown>): Translation {
  const t = parseTranslation(history, { of: rev1, title: "Sauvegardes", body: "Chaque nuit.\n", ...input }, T, "x");
  if (!t.ok) throw new Error(t.error.reason);
  return t.value;
}

describe("a translation", () => {
  it("records the revision it translates and who wrote it", () => {
    expect(
      parseTranslation(
        first,
        { lang: "fr", of: rev1, title: " Sauvegardes ", body: "Chaque nuit.\r\n" },
        T,
        "2026-11-02T00:00:00Z",
      ),
    ).toEqual({
      ok: true,
      value: {
        lang: "fr",
        of: rev1,
        title: "Sauvegardes",
        summary: "",
        body: "Chaque nuit.\n",
        translator: T,
        at: "2026-11-02T00:00:00Z",
      },
    });
  });

  it("is refused in the original's language, for an unknown revision, or with bad fields", () => {
    const same = parseTranslation(first, { lang: "EN", of: rev1, title: "x", body: "y" }, T, "x");
    expect(same.ok || same.error).toEqual({
      code: "invalid",
      reason: "docs.translation_same_language",
      vars: { lang: "en" },
    });
    const unknown = parseTranslation(
      first,
      { lang: "fr", of: `sha256:${"0".repeat(64)}`, title: "x", body: "y" },
      T,
      "x",
    );
    expect(unknown.ok || unknown.error.code).toBe("not_found");
    const bad = parseTranslation(first, { lang: "français", of: rev1, title: "", body: "y" }, T, "x");
    expect(bad.ok || bad.error.fields).toEqual({ lang: { code: "language" }, title: { code: "required" } });
  });

  it("becomes outdated when the original has a newer revision, and says by how many", () => {
    const fr = translated(first, { lang: "fr" });
    expect(translationState(first, fr)).toEqual({ outdated: false, behind: 0 });
    const second = edited(first, "Nightly, kept 30 days.\n", "2026-11-03T00:00:00Z");
    expect(translationState(second, fr)).toEqual({ outdated: true, behind: 1 });
    const third = edited(second, "Nightly, kept 60 days.\n", "2026-11-04T00:00:00Z");
    expect(translationState(third, fr)).toEqual({ outdated: true, behind: 2 });
    // Reverted to the text it translates: current again.
    const reverted = edited(third, "Nightly.\n", "2026-11-05T00:00:00Z");
    expect(translationState(reverted, fr)).toEqual({ outdated: false, behind: 0 });
  });

  it("replaces an earlier one of the same language", () => {
    const old = translated(first, { lang: "fr", title: "Ancien" });
    const de = translated(first, { lang: "de", title: "Sicherungen" });
    const fresh = translated(first, { lang: "FR", title: "Nouveau" });
    expect(withTranslation([old, de], fresh).map((t) => `${t.lang}:${t.title}`)).toEqual([
      "de:Sicherungen",
      "fr:Nouveau",
    ]);
  });
});

describe("the language a reader gets", () => {
  it("reads Accept-Language by quality, then order", () => {
    expect(preferredLanguages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toEqual([
      "fr-ch",
      "fr",
      "en",
      "de",
      "*",
    ]);
    expect(preferredLanguages("de;q=0.5, es, pt-BR;q=0")).toEqual(["es", "de"]);
    expect(preferredLanguages(undefined)).toEqual([]);
  });

  it("is the first wanted language the document has, with the others listed, the original first", () => {
    expect(chooseLanguage("en", ["fr", "de"], ["de", "fr"])).toEqual({
      lang: "de",
      translated: true,
      others: ["en", "fr"],
    });
    expect(chooseLanguage("en", ["fr", "de"], ["es", "en"])).toEqual({
      lang: "en",
      translated: false,
      others: ["fr", "de"],
    });
  });

  it("falls back along subtags and primary languages, then to the original", () => {
    expect(chooseLanguage("en", ["de", "pt-BR"], ["de-ch"]).lang).toBe("de");
    expect(chooseLanguage("en", ["de", "pt-BR"], ["pt"]).lang).toBe("pt-BR");
    expect(chooseLanguage("en", ["de", "pt-BR"], ["pt-pt", "de"]).lang).toBe("pt-BR");
    expect(chooseLanguage("fr", ["de"], ["es", "it"])).toEqual({ lang: "fr", translated: false, others: ["de"] });
    expect(chooseLanguage("fr", ["de"], ["*", "de"]).lang).toBe("fr");
    expect(chooseLanguage("fr", ["de"], []).lang).toBe("fr");
  });
});
