// Directory search: full text in every network language, typo-tolerant, with hard filters, facet
// counts over the matching set, stable pagination and per-result explanations. One SQL statement,
// bounded by a statement timeout, answers a whole page with its facets.
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Database } from "../../db/client.ts";
import { priceModels, serviceKinds, valueTags } from "../profile/taxonomy.ts";
import type { DirectoryQuery } from "./search-query.ts";
import { directoryVersion, searchCacheFor } from "./search-cache.ts";
import { queryTokens, searchQuerySql } from "./search-text.ts";

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

export type Facets = Record<"kind" | "value" | "country" | "jurisdiction" | "language" | "price" | "open", Record<string, number>>;

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
  /** Upper bound on the statement (PostgreSQL); a search never runs longer. */
  timeoutMs?: number;
  /** Overrides the page size (the find-a-host ranking looks at more candidates). */
  limit?: number;
  /** Set to false to compute the answer even if an unchanged one is cached (benchmarks). */
  cache?: boolean;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

export type Corrections = ReadonlyMap<string, readonly string[]>;

/**
 * Typo tolerance: query words the directory does not know are matched, by trigram similarity,
 * against the words it does know (a small table with its own index); the closest two count too.
 */
export function correctionSql(q: string): SQL | undefined {
  const tokens = queryTokens(q).filter((t) => t.length >= 4);
  if (tokens.length === 0) return undefined;
  return sql`select t, w from unnest(${textArray(tokens)}) t,
  lateral (select word as w from directory_words where word % t order by similarity(word, t) desc, word limit 2) x
  where not exists (select 1 from directory_words k where k.word = t)`;
}

export function readCorrections(rows: { t: string; w: string }[]): Corrections {
  const map = new Map<string, string[]>();
  for (const { t, w } of rows) map.set(t, [...(map.get(t) ?? []), w]);
  return map;
}

/** The WHERE clause of a query over providers `p`. */
function conditions(query: DirectoryQuery, corrections: Corrections): SQL {
  const parts: SQL[] = [];
  if (query.q) parts.push(sql`p.search_vector @@ ${searchQuerySql(query.q, corrections)}`);
  // Provider-level summaries narrow the candidates through indexes before the per-service check.
  if (query.kind?.length) parts.push(sql`p.service_kinds && ${textArray(query.kind)}`);
  if (query.language?.length) parts.push(sql`p.support_languages && ${textArray(query.language)}`);
  if (query.price?.length) parts.push(sql`p.price_models && ${textArray(query.price)}`);
  if (query.open) parts.push(sql`p.has_open`);
  const service: SQL[] = [];
  if (query.kind?.length) service.push(sql`s.kind = any(${textArray(query.kind)})`);
  if (query.language?.length) service.push(sql`s.support_languages && ${textArray(query.language)}`);
  if (query.price?.length) service.push(sql`s.price_model = any(${textArray(query.price)})`);
  if (query.open) service.push(sql`s.availability = 'open'`);
  // Service filters hold for one and the same service: "email, in French, sliding scale". One
  // filter alone is answered by the provider-level summary above.
  if (service.length > 1) parts.push(sql`exists (select 1 from directory_services s where s.actor_uri = p.actor_uri and ${sql.join(service, sql` and `)})`);
  if (query.value?.length) parts.push(sql`p.value_tags @> ${textArray(query.value)}`);
  if (query.country?.length) parts.push(sql`p.country = any(${textArray(query.country)})`);
  if (query.region) parts.push(sql`p.region ilike ${`%${escapeLike(query.region)}%`}`);
  if (query.jurisdiction) parts.push(sql`p.jurisdiction ilike ${`%${escapeLike(query.jurisdiction)}%`}`);
  if (query.minStorageGb !== undefined) parts.push(sql`p.spare_storage_gb >= ${query.minStorageGb}`);
  if (query.minAccounts !== undefined) parts.push(sql`p.spare_accounts >= ${query.minAccounts}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

function rank(query: DirectoryQuery, corrections: Corrections): SQL {
  if (!query.q) return sql`0::real`;
  return sql`ts_rank(p.search_vector, ${searchQuerySql(query.q, corrections)})`;
}

/** Facets over the taxonomy: [facet, value, test on the provider row]. */
const facetTerms: [string, string, string][] = [
  ...serviceKinds.map((k, i): [string, string, string] => ["kind", k, `(kinds_mask & ${2 ** i}) <> 0`]),
  ...priceModels.map((k, i): [string, string, string] => ["price", k, `(prices_mask & ${2 ** i}) <> 0`]),
  ...valueTags.map((k, i): [string, string, string] => ["value", k, `(values_mask & ${2 ** i}) <> 0`]),
  ["open", "true", "has_open"],
];

/** The whole search as one statement: the page, its services, the total and every facet. */
export function searchSql(query: DirectoryQuery, options: SearchOptions, corrections: Corrections = new Map()): SQL {
  const pageSize = options.limit ?? query.pageSize;
  const offset = (query.page - 1) * pageSize;
  const staleBefore = new Date(Date.now() - options.staleAfterMs).toISOString();
  return sql`with m as materialized (
  select p.actor_uri, p.name, p.country, p.jurisdiction, p.kinds_mask, p.prices_mask, p.values_mask, p.support_languages, p.has_open,
    ${rank(query, corrections)} as score
  from directory_providers p where ${conditions(query, corrections)}
),
page as (select actor_uri, score from m order by score desc, name, actor_uri limit ${pageSize} offset ${offset}),
fixed as (
  select ${sql.join(
    facetTerms.map(([, , test], i) => sql`count(*) filter (where ${sql.raw(test)})::int as ${sql.raw(`c${i}`)}`),
    sql`, `,
  )}
  from m
),
facets as (
  -- The taxonomy's facets in one pass (no row per array element); open-ended ones grouped, with
  -- unnest in the select list (a lateral function scan per row costs several times more).
  select f, v, n from fixed, lateral (values ${sql.join(
    facetTerms.map(([facet, value], i) => sql`(${facet}::text, ${value}::text, ${sql.raw(`fixed.c${i}`)})`),
    sql`, `,
  )}) x(f, v, n) where n > 0
  union all select 'language', v, count(*)::int from (select unnest(support_languages) v from m) l group by v
  union all select 'country', country, count(*)::int from m where country is not null group by country
  union all select 'jurisdiction', jurisdiction, count(*)::int from m where jurisdiction is not null group by jurisdiction
)
select
  (select count(*)::int from m) as total,
  (select coalesce(json_agg(json_build_object(
      'actorUri', p.actor_uri, 'handle', p.handle, 'name', p.name, 'url', p.url, 'local', p.local, 'member', p.member,
      'stale', (not p.local and p.last_seen_at < ${staleBefore}::timestamptz),
      'summary', p.summary, 'languages', p.languages, 'valueTags', p.value_tags, 'country', p.country, 'region', p.region,
      'jurisdiction', p.jurisdiction, 'spareStorageGb', p.spare_storage_gb, 'spareAccounts', p.spare_accounts,
      'lastSeenAt', p.last_seen_at, 'score', pg.score,
      'services', (select coalesce(json_agg(json_build_object(
          'kind', s.kind, 'name', s.name, 'software', s.software, 'description', s.description, 'url', s.url,
          'priceModel', s.price_model, 'priceAmount', s.price_amount, 'priceCurrency', s.price_currency,
          'pricePeriod', s.price_period, 'availability', s.availability, 'supportLanguages', s.support_languages
        ) order by s.position), '[]'::json) from directory_services s where s.actor_uri = p.actor_uri)
    ) order by pg.score desc, p.name, p.actor_uri), '[]'::json)
    from page pg join directory_providers p on p.actor_uri = pg.actor_uri) as results,
  (select coalesce(json_agg(json_build_array(f, v, n)), '[]'::json) from facets) as facets`;
}

type Row = { total: number; results: unknown; facets: unknown };
const parseJson = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/**
 * Searches the directory. Answers are shared with earlier identical searches while the directory
 * is unchanged (search-cache.ts): callers must not modify them.
 */
export async function searchDirectory(database: Database, query: DirectoryQuery, options: SearchOptions): Promise<DirectorySearch> {
  if (options.cache === false) return computeSearch(database, query, options);
  const cache = searchCacheFor(database);
  const key = JSON.stringify([query, options.limit ?? null, options.staleAfterMs]);
  const version = await directoryVersion(database);
  const cached = cache.get(key, version);
  if (cached) return cached;
  const answer = await computeSearch(database, query, options);
  cache.set(key, version, answer, options.staleAfterMs);
  return answer;
}

async function computeSearch(database: Database, query: DirectoryQuery, options: SearchOptions): Promise<DirectorySearch> {
  const row = await database.db.transaction(async (tx) => {
    // A search never holds the database longer than this, whatever the input.
    if (database.kind === "postgres") await tx.execute(sql.raw(`set local statement_timeout = ${Math.trunc(options.timeoutMs ?? 2000)}`));
    const lookup = query.q ? correctionSql(query.q) : undefined;
    const corrections = lookup ? readCorrections(await rowsOf<{ t: string; w: string }>(tx, lookup)) : new Map<string, string[]>();
    return (await rowsOf<Row>(tx, searchSql(query, options, corrections)))[0];
  });
  const results = parseJson<Omit<DirectoryResult, "explanation">[]>(row?.results ?? []).map((r) => ({ ...r, explanation: explain(query, r) }));
  const facets: Facets = { kind: {}, value: {}, country: {}, jurisdiction: {}, language: {}, price: {}, open: {} };
  for (const [f, v, n] of parseJson<[keyof Facets, string, number][]>(row?.facets ?? [])) facets[f][v] = n;
  return { total: row?.total ?? 0, page: query.page, pageSize: options.limit ?? query.pageSize, results, facets };
}

/** Why a result is there: which of the asked-for things it has (every hard filter holds by construction). */
export function explain(query: DirectoryQuery, r: Omit<DirectoryResult, "explanation">): DirectoryResult["explanation"] {
  const matches: Reason[] = [];
  if (query.q) matches.push({ filter: "q", value: query.q });
  for (const kind of query.kind ?? []) if (r.services.some((s) => s.kind === kind)) matches.push({ filter: "kind", value: kind });
  for (const lang of query.language ?? []) if (r.services.some((s) => s.supportLanguages.includes(lang))) matches.push({ filter: "language", value: lang });
  for (const price of query.price ?? []) if (r.services.some((s) => s.priceModel === price)) matches.push({ filter: "price", value: price });
  if (query.open) matches.push({ filter: "open", value: "true" });
  for (const v of query.value ?? []) matches.push({ filter: "value", value: v });
  if (query.country?.length && r.country) matches.push({ filter: "country", value: r.country });
  if (query.region && r.region) matches.push({ filter: "region", value: r.region });
  if (query.jurisdiction && r.jurisdiction) matches.push({ filter: "jurisdiction", value: r.jurisdiction });
  if (query.minStorageGb !== undefined) matches.push({ filter: "minStorageGb", value: String(r.spareStorageGb) });
  if (query.minAccounts !== undefined) matches.push({ filter: "minAccounts", value: String(r.spareAccounts) });
  return { matches, missing: [] };
}

