// Directory search: full text in every network language, typo-tolerant, with hard filters, facet
// counts over the matching set, stable pagination and per-result explanations. The search itself
// runs on the index kept in memory (search-index.ts, ADR 0009); the database gives the page's
// providers as they are now.
import type { Database } from "../../db/client.ts";
import type { DirectoryQuery } from "./search-query.ts";
import { searchCacheFor } from "./search-cache.ts";
import type { Facets } from "./search-index.ts";
import { searchIndexFor, type SearchIndexStore } from "./search-index-store.ts";
import { queryWords } from "./search-terms.ts";
import type { PageRow } from "./search-page.ts";

export type { Facets } from "./search-index.ts";

export type DirectoryService = {
  kind: string;
  name: string | null;
  software: string | null;
  description: string | null;
  url: string | null;
  priceModel: string;
  priceAmount: number | null;
  priceCurrency: string | null;
  pricePeriod: string | null;
  availability: string;
  supportLanguages: string[];
};

export type Reason = { readonly filter: string; readonly value: string };

export type DirectoryResult = {
  actorUri: string;
  handle: string | null;
  name: string;
  url: string | null;
  iconUrl: string | null;
  local: boolean;
  member: boolean | null;
  stale: boolean;
  summary: string;
  languages: string[];
  valueTags: string[];
  country: string | null;
  region: string | null;
  jurisdiction: string | null;
  spareStorageGb: number | null;
  spareAccounts: number | null;
  lastSeenAt: string;
  score: number;
  services: DirectoryService[];
  explanation: { matches: Reason[]; missing: Reason[] };
};

export type DirectorySearch = {
  total: number;
  page: number;
  pageSize: number;
  results: DirectoryResult[];
  facets: Facets;
};

export type SearchOptions = {
  /** Replicas not heard from for this long are marked stale. */
  staleAfterMs: number;
  /** Upper bound on the statement that stems the query's words (PostgreSQL). */
  timeoutMs?: number;
  /** Overrides the page size (the find-a-host ranking looks at more candidates). */
  limit?: number;
  /** Set to false to compute the answer even if an unchanged one is cached (benchmarks). */
  cache?: boolean;
};

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
  for (const v of query.value ?? []) matches.push({ filter: "value", value: v });
  if (query.country?.length && r.country) matches.push({ filter: "country", value: r.country });
  if (query.region && r.region) matches.push({ filter: "region", value: r.region });
  if (query.jurisdiction && r.jurisdiction) matches.push({ filter: "jurisdiction", value: r.jurisdiction });
  if (query.minStorageGb !== undefined) matches.push({ filter: "minStorageGb", value: String(r.spareStorageGb) });
  if (query.minAccounts !== undefined) matches.push({ filter: "minAccounts", value: String(r.spareAccounts) });
  return { matches, missing: [] };
}
