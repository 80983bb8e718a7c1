// The network's library: a full-text search over the documents this instance holds (its own, and the
// replicas of its followed providers' and fellow members' documents). It is the directory's text
// search put to documents: the same stemmers per language (a document's own language, plus
// unstemmed words), the same query words and stems asked of PostgreSQL, pg_trgm's similarity for
// typos. The vector is stored on the document (ADR 0018) and searched in SQL with its GIN index.
import { sql, type SQL } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client.ts";
import {
  queryTerm,
  queryTokens,
  queryWords,
  readStems,
  SIMILARITY_THRESHOLD,
  type Stems,
  searchVectorSql,
  stemsSql,
  textArray,
} from "../directory/search/index.ts";
import { answerCaches } from "../answer-cache.ts";
import { ok, type Result } from "../validation.ts";
import { findDocument, loadTranslations } from "./docs.repository.ts";
import { type LibraryQuery, parseLibraryQuery, snippetOf, tsqueryText } from "./library-query.ts";

/** Who searches: the operators read every document held; anyone else the public ones only. */
export type LibraryScope = "operator" | "public";

export type LibraryResult = {
  readonly id: string;
  readonly key: string;
  readonly local: boolean;
  readonly title: string;
  readonly summary: string;
  readonly lang: string;
  readonly tags: readonly string[];
  readonly author: string;
  readonly audience: "public" | "network" | "group";
  readonly network: string | null;
  readonly group: string | null;
  readonly gone: boolean;
  readonly updatedAt: string;
  readonly score: number;
  readonly snippet: string;
  /** The words of the document that matched the query's. */
  readonly matched: readonly string[];
};

export type LibrarySearch = {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly results: readonly LibraryResult[];
  /** Query words nothing matched, and the known words they were read as instead. */
  readonly corrected: Readonly<Record<string, readonly string[]>>;
  readonly facets: { readonly lang: Record<string, number>; readonly tag: Record<string, number> };
};

const WORDS_KEPT = 500;

/** Stores a document's search vector and words, from its head revision and its translations. */
export async function indexDocument(db: Db, id: string): Promise<void> {
  const doc = await findDocument(db, id);
  if (!doc) return;
  const [head] = await rowsOf<{ title: string; summary: string; body: string; lang: string; tags: string[] }>(
    db,
    sql`select title, summary, body, lang, tags from document_revisions where document = ${doc.id} and digest = ${doc.head} limit 1`,
  );
  if (!head) return;
  const tags = head.tags.join(" ");
  const parts = [
    { names: head.title, services: `${tags} ${head.summary}`, body: head.body, words: "", lang: head.lang },
    ...(await loadTranslations(db, doc.id)).map((t) => ({
      names: t.title,
      services: t.summary,
      body: t.body,
      words: "",
      lang: t.lang,
    })),
  ];
  const vector = (withBody: boolean) =>
    sql.join(
      parts.map((p) => searchVectorSql(withBody ? p : { ...p, body: "" }, [p.lang])),
      sql` || `,
    );
  const words = [...new Set(queryTokens(`${head.title} ${tags} ${head.summary} ${head.body}`, 20 * WORDS_KEPT))]
    .filter((w) => w.length >= 3 && w.length <= 40)
    .slice(0, WORDS_KEPT);
  await db.execute(
    sql`update documents set search_vector = ${vector(true)}, rank_vector = ${vector(false)} where id = ${doc.id}`,
  );
  if (words.length === 0) return;
  // Every word is known to operators (public false); a public document's to everyone too.
  const scopes = doc.audience === "public" ? sql`(values (false), (true))` : sql`(values (false))`;
  await db.execute(
    sql`insert into document_words (word, public) select w, p from unnest(${textArray(words)}) w, ${scopes} s(p) on conflict do nothing`,
  );
}

const indexed = new WeakMap<Db, Promise<void>>();

/**
 * Documents held from before the library or its ranking (no vector yet) are indexed once per process:
 * when the instance starts listening, or by the first search; searches that arrive meanwhile wait for
 * the same indexing.
 */
export function indexLibrary(db: Db): Promise<void> {
  let done = indexed.get(db);
  if (!done) {
    done = (async () => {
      const rows = await rowsOf<{ id: string }>(
        db,
        sql`select id from documents where search_vector is null or rank_vector is null`,
      );
      for (const { id } of rows) await indexDocument(db, id);
    })();
    // A failed indexing is tried again by the next search.
    done.catch(() => indexed.delete(db));
    indexed.set(db, done);
  }
  return done;
}

/** The author's instance answers 410 or deleted its actor: its documents stay, marked gone. */
export async function markAuthorGone(db: Db, author: string): Promise<void> {
  await db.execute(sql`update documents set gone = true where author = ${author} and not local and not gone`);
}

/** A word's stems never change: each is asked of the database once per process. */
const stemCache = new Map<string, Stems>();
const KEPT_STEMS = 10_000;

async function stemsOf(db: Db, words: readonly string[]): Promise<(word: string) => Stems> {
  const unknown = words.filter((w) => !stemCache.has(w));
  if (unknown.length) {
    const rows = await rowsOf<{ word: string; config: string; query: string }>(db, stemsSql(unknown));
    for (const [word, stems] of readStems(rows)) {
      stemCache.set(word, stems);
      if (stemCache.size > KEPT_STEMS) stemCache.delete(stemCache.keys().next().value!);
    }
  }
  return (w) => stemCache.get(w) ?? [];
}

const visibleSql = (scope: LibraryScope): SQL => (scope === "public" ? sql`d.audience = 'public'` : sql`true`);

/** A document's primary language subtag (`pt` of `pt-BR`), as its index (documents_lang_primary_idx) reads it. */
const primaryLangSql = sql`split_part(lower(d.lang), '-', 1)`;

function filtersSql(query: LibraryQuery, scope: LibraryScope): SQL {
  const where: SQL[] = [visibleSql(scope)];
  if (query.lang?.length) {
    // Either way the primary subtag is one asked for: said on its own, it is read from its index.
    const primary = [...new Set(query.lang.map((l) => l.split("-")[0]!))];
    where.push(
      sql`${primaryLangSql} = any(${textArray(primary)}) and (lower(d.lang) = any(${textArray(query.lang)}) or ${primaryLangSql} = any(${textArray(query.lang)}))`,
    );
  }
  if (query.tag?.length) where.push(sql`d.tags @> ${textArray(query.tag)}`);
  if (query.author?.length) where.push(sql`d.author = any(${textArray(query.author)})`);
  if (query.group?.length) where.push(sql`d."group" = any(${textArray(query.group)})`);
  return sql.join(where, sql` and `);
}

/**
 * For each query word of four letters or more that no document of the scope has, the (at most two)
 * known words most like it by pg_trgm's similarity, at the directory's threshold. `%` (at the server's
 * `pg_trgm.similarity_threshold`, 0.3 unless changed) finds candidates through the trigram index; the
 * explicit bound keeps the directory's threshold without a transaction to set it.
 */
async function corrections(db: Db, words: readonly string[], scope: LibraryScope): Promise<Map<string, string[]>> {
  const asked = words.filter((w) => Array.from(w).length >= 4);
  if (asked.length === 0) return new Map();
  const rows = await rowsOf<{ word: string; known: string[] }>(
    db,
    sql`select q.word, array(select w.word from document_words w
  where w.word % q.word and similarity(w.word, q.word) >= ${SIMILARITY_THRESHOLD} and w.public = ${scope === "public"}
  order by similarity(w.word, q.word) desc, w.word limit 2) as known
from unnest(${textArray(asked)}) q(word)`,
  );
  return new Map(rows.filter((r) => r.known.length && !r.known.includes(r.word)).map((r) => [r.word, r.known]));
}

type Row = Omit<LibraryResult, "snippet" | "matched" | "updatedAt"> & {
  updatedAt: string | Date;
  body: string;
};

/** Facet counts kept per kind: every language, the most used tags. */
const FACET_TAGS = 50;

/** Counts per language (every one) and per tag (the most used first, then by name), from groups. */
export function facetsOf(groups: readonly { lang: string; tags: readonly string[]; n: number }[]) {
  const lang: Record<string, number> = {};
  const tags = new Map<string, number>();
  for (const g of groups) {
    lang[g.lang] = (lang[g.lang] ?? 0) + g.n;
    for (const t of new Set(g.tags)) tags.set(t, (tags.get(t) ?? 0) + g.n);
  }
  const top = [...tags].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).slice(0, FACET_TAGS);
  return { lang, tag: Object.fromEntries(top) };
}

async function pageOf(db: Db, query: LibraryQuery, scope: LibraryScope, tsquery: string | undefined) {
  const match = tsquery ? sql`d.search_vector @@ ${tsquery}::tsquery` : sql`true`;
  // Matched over the whole text, ranked by where the words are: in a title, tags or a summary first.
  // The body's vector stays out of line (a few kB), and reading it per match was most of a search.
  const score = tsquery ? sql`ts_rank(d.rank_vector, ${tsquery}::tsquery)` : sql`0`;
  const where = sql`${match} and ${filtersSql(query, scope)}`;
  const pageSize = query.pageSize;
  // The page and the facets at once: on PostgreSQL each has its own connection.
  const [rows, facetRows] = await Promise.all([
    rowsOf<Row>(
      db,
      // The page first, then its revisions: only the page's rows are joined.
      sql`with m as (
  select d.id, d.key, d.local, d.lang, d.tags, d.author, d.audience, d.network, d."group", d.gone, d.head, d.updated_at,
    ${score}::float8 as score
  from documents d where ${where}
  order by score desc, d.updated_at desc, d.id
  limit ${pageSize} offset ${(query.page - 1) * pageSize}
)
select m.id, m.key, m.local, r.title, r.summary, r.body, m.lang, m.tags, m.author, m.audience, m.network, m."group", m.gone,
  m.updated_at as "updatedAt", m.score
from m join document_revisions r on r.document = m.id and r.digest = m.head
order by m.score desc, m.updated_at desc, m.id`,
    ),
    // Counted per language and tag set (far fewer groups than matches), then per tag here: one
    // aggregation over the matches instead of a row per tag of every match.
    rowsOf<{ lang: string; tags: string[]; n: number }>(
      db,
      sql`select d.lang, d.tags, count(*)::int as n from documents d where ${where} group by d.lang, d.tags`,
    ),
  ]);
  const facets = facetsOf(facetRows);
  // Every document has one language: their counts add up to the matches.
  const total = Object.values(facets.lang).reduce((a, b) => a + b, 0);
  return { rows, facets, total };
}

const answersOf = answerCaches<LibrarySearch>();

/** The library's version: every change to the documents held raises it (a trigger at commit). */
async function libraryVersion(db: Db): Promise<number> {
  const [row] = await rowsOf<{ version: string | number }>(db, sql`select version from library_state where id = 1`);
  return Number(row?.version ?? 0);
}

/**
 * Searches the documents this scope may read. An answer is shared with earlier identical searches
 * while the documents held are unchanged (ADR 0007, answer-cache.ts): callers must not modify it.
 * `cache: false` computes it whatever is kept (the benchmark's computed figures).
 */
export async function searchLibrary(
  db: Db,
  query: LibraryQuery,
  scope: LibraryScope,
  options: { readonly cache?: boolean } = {},
): Promise<LibrarySearch> {
  await indexLibrary(db);
  const version = await libraryVersion(db);
  const cache = answersOf(db);
  const key = JSON.stringify([scope, query]);
  const kept = options.cache === false ? undefined : cache.get(key, version);
  if (kept) return kept;
  const answer = await computeSearch(db, query, scope);
  cache.set(key, version, answer);
  return answer;
}

async function computeSearch(db: Db, query: LibraryQuery, scope: LibraryScope): Promise<LibrarySearch> {
  const words = query.q ? queryWords(query.q) : [];
  let stems = await stemsOf(db, words);
  let terms = words.map((w) => queryTerm(w, [], stems)).filter((t) => t !== undefined);
  let found = await pageOf(db, query, scope, tsqueryText(terms));
  let corrected = new Map<string, string[]>();
  // A query that finds nothing may hold a typo: its unknown words are read as the nearest known ones.
  if (found.total === 0 && words.length) {
    corrected = await corrections(db, words, scope);
    if (corrected.size) {
      stems = await stemsOf(db, [...words, ...[...corrected.values()].flat()]);
      const corrections = words.map((w) => queryTerm(w, corrected.get(w) ?? [], stems)).filter((t) => t !== undefined);
      const again = await pageOf(db, query, scope, tsqueryText(corrections));
      // Said only when it finds something: a word known once may be in no readable document now.
      if (again.total > 0) {
        terms = corrections;
        found = again;
      } else corrected = new Map();
    }
  }
  const lexemes = terms.flatMap((t) => t.alternatives.flat());
  const results = found.rows.map(({ body, updatedAt, ...r }) => {
    const inBody = snippetOf(body, lexemes);
    const snippet = inBody.matched.length || !lexemes.length ? inBody : snippetOf(`${r.title} ${r.summary}`, lexemes);
    return {
      ...r,
      updatedAt: new Date(updatedAt).toISOString(),
      snippet: snippet.text,
      matched: snippet.matched,
    };
  });
  return {
    total: found.total,
    page: query.page,
    pageSize: query.pageSize,
    results,
    corrected: Object.fromEntries(corrected),
    facets: found.facets,
  };
}

/** The search as people ask it, on the page and through the API: the URL's query, parsed and bounded. */
export async function searchLibraryFor(
  db: Db,
  search: string | URLSearchParams,
  scope: LibraryScope,
): Promise<Result<{ query: LibraryQuery; answer: LibrarySearch }>> {
  const parsed = parseLibraryQuery(search);
  if (!parsed.ok) return parsed;
  return ok({ query: parsed.value, answer: await searchLibrary(db, parsed.value, scope) });
}
