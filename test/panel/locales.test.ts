// Every locale has every key English has, and every key the code names statically exists in English.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localeNames, readLocale } from "../../src/i18n/i18n.ts";

const root = join(import.meta.dirname, "..", "..");
const load = (lang: string) => readLocale(lang);
const en = load("en");
// Written out, so that a missing folder fails the first test instead of silently shortening the others.
const langs = ["de", "en", "es", "fr", "pt"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("locales", () => {
  it("ships English, French, Spanish, German and Portuguese", () => {
    expect(localeNames()).toEqual(langs);
  });

  it.each(langs)("%s has every key English has, each with the same placeholders", (lang) => {
    const messages = load(lang);
    const missing = Object.keys(en).filter((k) => !(k in messages) || messages[k]!.trim() === "");
    expect(missing).toEqual([]);
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(en).filter(
      (k) => JSON.stringify(placeholders(en[k]!)) !== JSON.stringify(placeholders(messages[k] ?? "")),
    );
    expect(mismatched).toEqual([]);
  });

  it("has an English message for every key the web layer names", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, "src", "web"))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\("([a-z][\w.-]*\.[\w.-]+)"/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((k) => !(k in en) && !(`${k}_other` in en));
    expect(missing).toEqual([]);
  });
});
