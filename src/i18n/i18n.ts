// Translations from locales/<lang>/<area>.json: flat keys, {{var}} placeholders, _one/_other plurals.
// One file per area of the product, so that each area's strings live (and change) on their own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Messages = Readonly<Record<string, string>>;
export type Translate = ((key: string, vars?: Record<string, string | number>) => string) & {
  /** The language this translator writes, for the formatting helpers of format.ts. */
  readonly locale?: string;
};

export const localesDir = join(import.meta.dirname, "..", "..", "locales");
export const DEFAULT_LOCALE = "en";

/** Every area file of one language merged into one catalogue; a key defined twice is a mistake. */
export function readLocale(lang: string, dir: string = localesDir): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const file of readdirSync(join(dir, lang))
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const area = JSON.parse(readFileSync(join(dir, lang, file), "utf8")) as Record<string, string>;
    for (const [key, value] of Object.entries(area)) {
      if (key in messages) throw new Error(`locales/${lang}/${file}: key ${key} is defined twice`);
      messages[key] = value;
    }
  }
  return messages;
}

/** The languages shipped: one folder each under locales/. */
export function localeNames(dir: string = localesDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function loadCatalogs(): Map<string, Messages> {
  return new Map(localeNames().map((lang) => [lang, readLocale(lang)]));
}

const catalogs = loadCatalogs();
export const supportedLocales: readonly string[] = [...catalogs.keys()];

const pluralRules = new Map<string, Intl.PluralRules>();
const plural = (locale: string, n: number) => {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
};

export function catalog(locale: string): Messages {
  return catalogs.get(locale) ?? catalogs.get(DEFAULT_LOCALE)!;
}

/** A translator for one locale, falling back to English, then to the key itself. */
export function translator(locale: string): Translate {
  const messages = catalog(locale);
  const fallback = catalog(DEFAULT_LOCALE);
  const translate = (key: string, vars?: Record<string, string | number>) => {
    let found = key;
    if (vars && typeof vars.count === "number") {
      const pluralKey = `${key}_${plural(locale, vars.count)}`;
      found = messages[pluralKey] ?? fallback[pluralKey] ?? messages[`${key}_other`] ?? fallback[`${key}_other`] ?? key;
    }
    const template = found !== key ? found : (messages[key] ?? fallback[key] ?? key);
    return vars
      ? template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : template;
  };
  return Object.assign(translate, { locale });
}

/** The best supported locale for an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(
  header: string | undefined | null,
  supported: readonly string[] = supportedLocales,
): string {
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
