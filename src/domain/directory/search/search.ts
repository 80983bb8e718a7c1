// Directory search: full text in every network language, typo-tolerant, with hard filters, facet
// counts over the matching set, stable pagination and per-result explanations. The search itself
// runs on the index kept in memory (search-index.ts, ADR 0009); the database gives the page's
// providers as they are now.
import type { Database } from "../../../db/client.ts";
import { fail, ok, type Result } from "../../validation.ts";
import { searchCacheFor } from "./cache.ts";
import { searchIndexFor, type SearchIndexStore } from "./index-store.ts";
import { parseDirectoryQuery } from "./query.ts";
import { queryWords } from "./terms.ts";
import type { DirectoryQuery, DirectoryResult, DirectorySearch, PageRow, Reason, SearchOptions } from "./types.ts";

/**
 * The search as people ask it, on the public page and through the API alike: the query as the URL
 * gives it, parsed and bounded; a search too costly for the database (its statement timed out) is
 * the asker's to narrow, a failure like an invalid query rather than an error.
 */
export async function searchDirectoryFor(
  database: Database,
  search: string | URLSearchParams,
  options: SearchOptions,
): Promise<Result<{ query: DirectoryQuery; answer: DirectorySearch }>> {
  const parsed = parseDirectoryQuery(search);
  if (!parsed.ok) return parsed;
  try {
    return ok({ query: parsed.value, answer: await searchDirectory(database, parsed.value, options) });
  } catch (error) {
    if (isStatementTimeout(error)) return fail("too_complex", "directory.tooCostly");
    throw error;
  }
}

/** PostgreSQL's "canceling statement due to statement timeout" (57014), as the driver or drizzle wraps it. */
function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === "57014" || e?.cause?.code === "57014";
}

/** An answer with nothing in it, for a page that shows a failed search. */
export const emptySearch = (pageSize = 20): DirectorySearch => ({
  total: 0,
  page: 1,
  pageSize,
  results: [],
  facets: { kind: {}, value: {}, country: {}, jurisdiction: {}, language: {}, price: {}, open: {}, network: {} },
});

/**
 * Searches the directory. Answers are shared with earlier identical searches while the directory
 * is unchanged (search-cache.ts): callers must not modify them.
 */
export async function searchDirectory(
  database: Database,
  query: DirectoryQuery,
  options: SearchOptions,
): Promise<DirectorySearch> {
  const store = searchIndexFor(database);
  const version = await store.sync();
  if (options.cache === false) return computeSearch(store, query, options);
  const cache = searchCacheFor(database);
  const key = JSON.stringify([query, options.limit ?? null, options.staleAfterMs]);
  const cached = cache.get(key, version);
  if (cached) return cached;
  const answer = await computeSearch(store, query, options);
  cache.set(key, version, answer, options.staleAfterMs);
  return answer;
}

async function computeSearch(
  store: SearchIndexStore,
  query: DirectoryQuery,
  options: SearchOptions,
): Promise<DirectorySearch> {
  const pageSize = options.limit ?? query.pageSize;
  const terms = query.q ? await store.queryTerms(queryWords(query.q), options.timeoutMs) : undefined;
  const answer = store.index.search(query, terms, (query.page - 1) * pageSize, pageSize);
  const shown = await store.pages.rows(answer.page, options.staleAfterMs);
  const results = shown.map((r) => ({ ...r, explanation: explain(query, r) }));
  return { total: answer.total, page: query.page, pageSize, results, facets: answer.facets };
}

/** Why a result is there: which of the asked-for things it has (every hard filter holds by construction). */
export function explain(query: DirectoryQuery, r: PageRow): DirectoryResult["explanation"] {
  const matches: Reason[] = [];
  if (query.q) matches.push({ filter: "q", value: query.q });
  for (const kind of query.kind ?? [])
    if (r.services.some((s) => s.kind === kind)) matches.push({ filter: "kind", value: kind });
  for (const lang of query.language ?? [])
    if (r.services.some((s) => s.supportLanguages.includes(lang))) matches.push({ filter: "language", value: lang });
  for (const price of query.price ?? [])
    if (r.services.some((s) => s.priceModel === price)) matches.push({ filter: "price", value: price });
  if (query.open) matches.push({ filter: "open", value: "true" });
  if (query.network) matches.push({ filter: "network", value: query.network });
  for (const v of query.value ?? []) matches.push({ filter: "value", value: v });
  if (query.country?.length && r.country) matches.push({ filter: "country", value: r.country });
  if (query.region && r.region) matches.push({ filter: "region", value: r.region });
  if (query.jurisdiction && r.jurisdiction) matches.push({ filter: "jurisdiction", value: r.jurisdiction });
  if (query.minStorageGb !== undefined) matches.push({ filter: "minStorageGb", value: String(r.spareStorageGb) });
  if (query.minAccounts !== undefined) matches.push({ filter: "minAccounts", value: String(r.spareAccounts) });
  return { matches, missing: [] };
}
