// What a provider's search document is made of. The same text is indexed with every language's
// stemmer (a query in French finds French words, one in Spanish Spanish words) and as plain words
// for typo-tolerant trigram matching.
import { sql, type SQL } from "drizzle-orm";
import { catalog, supportedLocales } from "../../../i18n/i18n.ts";
import type { Profile } from "../../profile/profile.schema.ts";
import type { SearchText } from "./types.ts";

/** Text search configurations of the network's languages; "simple" keeps words unstemmed. */
export const searchConfigs = ["english", "french", "spanish", "german", "portuguese", "simple"] as const;

/** A taxonomy term's labels in every locale, so "courriel" finds email and "féministe" feminist. */
function labels(prefix: string, term: string): string[] {
  return [
    ...new Set([
      term.replace(/-/g, " "),
      ...supportedLocales.map((l) => catalog(l)[`${prefix}.${term}`]).filter((v): v is string => !!v),
    ]),
  ];
}

export function searchText(name: string, profile: Profile): SearchText {
  const services = profile.services
    .flatMap((s) => [...labels("taxonomy.service", s.kind), s.name ?? "", s.software ?? "", s.description ?? ""])
    .filter(Boolean)
    .join(" ");
  const values = profile.values.tags.flatMap((t) => labels("taxonomy.value", t)).join(" ");
  const body = [
    profile.summary,
    profile.values.statement,
    values,
    profile.place.region ?? "",
    profile.place.jurisdiction ?? "",
  ].join(" ");
  const words = [
    name,
    ...profile.services.flatMap((s) => [...labels("taxonomy.service", s.kind), s.name ?? "", s.software ?? ""]),
    values,
  ]
    .join(" ")
    .toLowerCase();
  return { names: name, services, body, words: [...new Set(queryTokens(words, 500))].join(" ") };
}

const stemmers: Record<string, (typeof searchConfigs)[number]> = {
  en: "english",
  fr: "french",
  es: "spanish",
  de: "german",
  pt: "portuguese",
};

/** The stemmers of the provider's own languages (English if it names none), plus unstemmed words. */
export function configsFor(languages: readonly string[]): (typeof searchConfigs)[number][] {
  const own = [
    ...new Set(languages.map((l) => stemmers[l.toLowerCase().split("-")[0]!]).filter((c) => c !== undefined)),
  ];
  return [...(own.length ? own : (["english"] as const)), "simple"];
}

const inConfigs = (text: string, configs: readonly string[]): SQL =>
  sql.join(
    configs.map((c) => sql`to_tsvector(${sql.raw(`'${c}'`)}::regconfig, unaccent(${text}))`),
    sql` || `,
  );

/**
 * The weighted tsvector: names weigh most, then services, then statements. A provider's text is
 * stemmed in its own languages only (a French text in a Spanish stemmer adds nothing but size).
 */
export function searchVectorSql(text: SearchText, languages: readonly string[]): SQL {
  const configs = configsFor(languages);
  return sql`setweight(${inConfigs(text.names, configs)}, 'A') || setweight(${inConfigs(text.services, configs)}, 'B') || setweight(${inConfigs(text.body, configs)}, 'C')`;
}

/** Lower case without diacritics, as unaccent() does for the indexed text. */
export const foldText = (q: string) => q.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The words of a text, folded; at most `max`. */
export const queryTokens = (q: string, max = 12) =>
  foldText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .slice(0, max);
