// The library query and the pure parts of its search: every input bounded (as the directory's query
// is), the words' stems as one tsquery, and the passage of a document that shows why it matched.
import { z } from "zod";
import type { QueryTerm } from "../directory/search/index.ts";
import { queryList, readQueryString, searchWords } from "../query-string.ts";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";

export const MAX_LIBRARY_QUERY = 2048;
export const MAX_LIBRARY_PAGE_SIZE = 50;

const list = queryList;

const actorUrl = z
  .url({ protocol: /^https?$/, message: "expected an actor's URL" })
  .max(2048, { message: "at most 2048 characters" });

export const libraryQuerySchema = z
  .object({
    q: searchWords.optional(),
    lang: list(
      z
        .string()
        .toLowerCase()
        .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, { message: "expected a language tag such as en or pt-br" }),
      10,
    )
      .describe("documents written in one of these languages (`pt` also finds `pt-BR`)")
      .optional(),
    tag: list(z.string().toLowerCase().max(40, { message: "at most 40 characters" }), 10)
      .describe("documents with every one of these tags")
      .optional(),
    author: list(actorUrl, 10).describe("documents written by one of these providers (actor URLs)").optional(),
    group: list(actorUrl, 10).describe("documents of one of these working groups (their actor URIs)").optional(),
    page: z.coerce.number({ message: "expected a page number" }).int().min(1).max(500).default(1),
    pageSize: z.coerce.number({ message: "expected a number" }).int().min(1).max(MAX_LIBRARY_PAGE_SIZE).default(20),
  })
  .strict();

export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/** Parses a URL query (repeated keys allowed), refusing anything oversized or unknown. */
export function parseLibraryQuery(search: string | URLSearchParams): Result<LibraryQuery> {
  const read = readQueryString(search, {
    maxLength: MAX_LIBRARY_QUERY,
    reasons: { tooLong: "library.queryTooLong", tooMany: "library.queryInvalid" },
  });
  if (!read.ok) return read;
  const input = read.value;
  const parsed = libraryQuerySchema.safeParse(input);
  return parsed.success
    ? ok(parsed.data)
    : fail("invalid", "library.queryInvalid", { fields: fieldErrors(parsed.error) });
}

/** A lexeme in tsquery's text form: quoted, its quotes doubled and backslashes escaped. */
const quoted = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * The query's terms as one tsquery (its text form, read literally, never parsed again): each term one
 * of its alternatives (an alternative: all its lexemes), every required term, or any of the optional
 * ones when all are (a query of stop words). Undefined when nothing is left to search for.
 */
export function tsqueryText(terms: readonly QueryTerm[]): string | undefined {
  const term = (t: QueryTerm) =>
    `(${t.alternatives.map((a) => (a.length === 1 ? quoted(a[0]!) : `(${a.map(quoted).join(" & ")})`)).join(" | ")})`;
  const required = terms.filter((t) => !t.optional);
  const text = required.length ? required.map(term).join(" & ") : terms.map(term).join(" | ");
  return text || undefined;
}

const fold = (w: string) =>
  w
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

export type Snippet = { readonly text: string; readonly matched: readonly string[] };

/**
 * A passage of about `width` words around the first word that a stem of the query begins (stems are
 * the beginnings of the words they come from, in the languages the library stems), and the words
 * of the text that matched. Without a match: the text's beginning, and no words.
 */
export function snippetOf(text: string, lexemes: readonly string[], width = 24): Snippet {
  const words = text.split(/\s+/).filter(Boolean);
  const stems = [...new Set(lexemes)].filter((l) => l.length >= 2);
  // Most texts searched hold no stem at all: one fold of the whole text says so, not one per word.
  const folded = fold(text);
  if (!stems.some((s) => folded.includes(s))) return snippetAt(words, 0, width, []);
  const hits = (w: string) => {
    const f = fold(w);
    return f.length > 0 && stems.some((s) => f.startsWith(s));
  };
  const first = words.findIndex(hits);
  const from = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const shown = words.slice(from, from + width);
  const matched = [...new Set(shown.filter(hits).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")))];
  return snippetAt(words, from, width, matched);
}

function snippetAt(words: readonly string[], from: number, width: number, matched: string[]): Snippet {
  const shown = words.slice(from, from + width);
  return { text: `${from > 0 ? "… " : ""}${shown.join(" ")}${from + width < words.length ? " …" : ""}`, matched };
}
