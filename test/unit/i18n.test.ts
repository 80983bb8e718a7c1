import { describe, expect, it } from "vitest";
import { localeNames, negotiateLocale, readLocale, translator } from "../../src/i18n/i18n.ts";

/** Keys of the reference catalog that a locale lacks. */
export function missingKeys(reference: Record<string, string>, locale: Record<string, string>): string[] {
  return Object.keys(reference).filter((key) => typeof locale[key] !== "string" || locale[key] === "");
}

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

  it("finds a missing key (the check below can fail)", () => {
    expect(missingKeys({ a: "A", b: "B" }, { a: "x" })).toEqual(["b"]);
    expect(missingKeys({ a: "A" }, { a: "" })).toEqual(["a"]);
  });

  const english = readLocale("en");
  const others = localeNames().filter((lang) => lang !== "en");
  it.each(others)("%s has every key English has", (lang) => {
    expect(others.length).toBeGreaterThan(0);
    expect(missingKeys(english, readLocale(lang))).toEqual([]);
  });
});
