import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localeNames, negotiateLocale, readLocale, translator } from "../../src/i18n/i18n.ts";

const dirs: string[] = [];
/** A locales folder of its own: { lang: { area: messages } }. */
function localesFolder(files: Record<string, Record<string, Record<string, string>>>): string {
  const dir = mkdtempSync(join(tmpdir(), "commonhost-locales-"));
  dirs.push(dir);
  for (const [lang, areas] of Object.entries(files)) {
    mkdirSync(join(dir, lang));
    for (const [area, messages] of Object.entries(areas))
      writeFileSync(join(dir, lang, `${area}.json`), JSON.stringify(messages));
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("i18n", () => {
  it("negotiates with quality values, regions and order", () => {
    // A fixed list, so that adding a locale does not change what this test means.
    const supported = ["en", "fr"];
    expect(negotiateLocale("fr-CH, fr;q=0.9, en;q=0.8", supported)).toBe("fr");
    expect(negotiateLocale("de;q=1, en;q=0.5, fr;q=0.7", supported)).toBe("fr");
    expect(negotiateLocale("en;q=0.5, fr;q=0.5", supported)).toBe("en");
    expect(negotiateLocale("fr;q=0, en", supported)).toBe("en");
    expect(negotiateLocale("de, es", supported)).toBe("en");
    expect(negotiateLocale("", supported)).toBe("en");
    expect(negotiateLocale(undefined, supported)).toBe("en");
    expect(negotiateLocale("FR", supported)).toBe("fr");
    expect(negotiateLocale("garbage;;;q=abc,,", supported)).toBe("en");
  });

  it("picks plural forms and fills placeholders", () => {
    const en = translator("en");
    expect(en("norms.people", { count: 1 })).toBe("1 person");
    expect(en("norms.people", { count: 3 })).toBe("3 people");
    expect(en("norms.people", { count: 0 })).toBe("0 people");
    const fr = translator("fr");
    // French counts 0 and 1 as singular.
    expect(fr("norms.people", { count: 0 })).toBe(fr("norms.people", { count: 1 }).replace("1", "0"));
    expect(fr("profile.followHint", { acct: "@a@b" })).toContain("@a@b");
  });

  it("falls back to English, then to the key", () => {
    expect(translator("xx")("layout.skip")).toBe("Skip to content");
    expect(translator("fr")("no.such.key")).toBe("no.such.key");
    expect(translator("en")("capacity.statedAt", {})).toBe("As stated on {{date}}.");
  });

  it("merges a language's area files into one catalogue, and lists the languages by folder", () => {
    const dir = localesFolder({
      fr: { panel: { "panel.title": "Panneau" }, directory: { "directory.title": "Annuaire" } },
      en: { panel: { "panel.title": "Panel" } },
    });
    writeFileSync(join(dir, "fr", "notes.txt"), "not a catalogue");
    expect(readLocale("fr", dir)).toEqual({ "panel.title": "Panneau", "directory.title": "Annuaire" });
    expect(localeNames(dir)).toEqual(["en", "fr"]);
  });

  it("refuses a key defined in two area files", () => {
    const dir = localesFolder({ de: { a: { "x.y": "eins" }, b: { "x.y": "zwei" } } });
    expect(() => readLocale("de", dir)).toThrow("locales/de/b.json: key x.y is defined twice");
  });
});
