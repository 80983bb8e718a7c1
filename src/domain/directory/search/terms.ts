// What the words of a query are in the directory's terms: each word (and its typo corrections)
// stemmed by every language's text search configuration, as the providers' texts were when
// indexed. PostgreSQL's own dictionaries stem both, so a query and the texts it searches always
// agree; a word's stems never change, so each is asked for once per process.
import { sql, type SQL } from "drizzle-orm";
import { queryTokens, searchConfigs } from "./text.ts";
import type { QueryTerm, Stems } from "./types.ts";

export const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** Rows (word, config, query): every word as every configuration parses it. */
export function stemsSql(words: readonly string[]): SQL {
  return sql`select w.word, c.config, plainto_tsquery(c.config::regconfig, w.word)::text as query
from unnest(${textArray(words)}) w(word) cross join unnest(${textArray(searchConfigs)}) c(config)`;
}

/** A lexeme as tsvector and tsquery text forms write it, between quotes that are doubled in it (and backslashes). */
export const unquoteLexeme = (lexeme: string) =>
  /['\\]/.test(lexeme) ? lexeme.replace(/''/g, "'").replace(/\\(.)/g, "$1") : lexeme;

/** The lexemes of a tsquery's text form ('a' & 'b'). */
export const tsqueryLexemes = (query: string): string[] =>
  [...query.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => unquoteLexeme(m[1]!));

/** Reads stemsSql's rows: each word's stems in searchConfigs' order. */
export function readStems(rows: readonly { word: string; config: string; query: string }[]): Map<string, Stems> {
  const stems = new Map<string, string[][]>();
  for (const { word, config, query } of rows) {
    const perConfig = stems.get(word) ?? searchConfigs.map(() => []);
    perConfig[searchConfigs.indexOf(config as (typeof searchConfigs)[number])] = tsqueryLexemes(query);
    stems.set(word, perConfig);
  }
  return stems;
}

/**
 * A query word's alternatives: its own stems and its corrections' stems, without repeats. Words
 * no configuration keeps constrain nothing and are dropped, as PostgreSQL drops them.
 */
export function queryTerm(
  word: string,
  corrections: readonly string[],
  stemsOf: (word: string) => Stems,
): QueryTerm | undefined {
  const alternatives = new Map<string, readonly string[]>();
  for (const variant of [word, ...corrections])
    for (const lexemes of stemsOf(variant))
      if (lexemes.length) alternatives.set([...lexemes].sort().join(" "), lexemes);
  if (alternatives.size === 0) return undefined;
  return {
    word,
    alternatives: [...alternatives.values()],
    optional: stemsOf(word).some((lexemes) => lexemes.length === 0),
  };
}

/** The distinct words of a query that search looks up. */
export const queryWords = (q: string): string[] => [...new Set(queryTokens(q))];
