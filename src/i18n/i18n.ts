// Translations from locales/<lang>.json: flat keys, {{var}} placeholders, _one/_other plurals.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Messages = Readonly<Record<string, string>>;
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const localesDir = join(import.meta.dirname, "..", "..", "locales");
export const DEFAULT_LOCALE = "en";

function loadCatalogs(): Map<string, Messages> {
  const catalogs = new Map<string, Messages>();
  for (const file of readdirSync(localesDir).filter((f) => f.endsWith(".json")).sort()) {
    catalogs.set(file.slice(0, -5), JSON.parse(readFileSync(join(localesDir, file), "utf8")) as Messages);
  }
  return catalogs;
}

const catalogs = loadCatalogs();
export const supportedLocales: readonly string[] = [...catalogs.keys()];

const pluralRules = new Map<string, Intl.PluralRules>();
const plural = (locale: string, n: number) => {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
};

export function catalog(locale: string): Messages {
  return catalogs.get(locale) ?? catalogs.get(DEFAULT_LOCALE)!;
}

/** A translator for one locale, falling back to English, then to the key itself. */
export function translator(locale: string): Translate {
  const messages = catalog(locale);
  const fallback = catalog(DEFAULT_LOCALE);
  return (key, vars) => {
    let found = key;
    if (vars && typeof vars.count === "number") {
      const pluralKey = `${key}_${plural(locale, vars.count)}`;
      found = messages[pluralKey] ?? fallback[pluralKey] ?? messages[`${key}_other`] ?? fallback[`${key}_other`] ?? key;
    }
    const template = found !== key ? found : (messages[key] ?? fallback[key] ?? key);
    return vars ? template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : template;
  };
}

/** The best supported locale for an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(header: string | undefined | null, supported: readonly string[] = supportedLocales): string {
  if (!header) return DEFAULT_LOCALE;
  const wanted = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) || 0 : 1, index };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    if (supported.includes(tag)) return tag;
    const base = tag.split("-")[0]!;
    if (supported.includes(base)) return base;
  }
  return DEFAULT_LOCALE;
}
