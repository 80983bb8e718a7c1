// The directory search's types, all in one place: what it is asked (DirectoryQuery), what it
// answers (DirectorySearch), and what its parts hand each other (index rows, page entries, terms).
// Only types live here, so every part of the search imports this file and none imports another's.
export type { DirectoryQuery } from "./query.ts";

export type Facets = Record<
  "kind" | "value" | "country" | "jurisdiction" | "language" | "price" | "open" | "network",
  Record<string, number>
>;

/** A provider as the database gives it to the index. */
export type IndexRow = {
  actorUri: string;
  name: string;
  local: boolean;
  country: string | null;
  region: string | null;
  jurisdiction: string | null;
  valueTags: string[];
  spareStorageGb: number | null;
  spareAccounts: number | null;
  /** When the profile was fetched: a provider whose profile is unchanged keeps its terms. */
  fetched: number;
  /** When the provider's instance last answered, in milliseconds. */
  lastSeen: number;
  /** [kind, price model, availability, support languages] per service. */
  services: [string, string, string, string[]][];
  words: string;
  /** The full-text document in its text form, when it changed. */
  vector?: string | null;
  /** Its mark: whether a network this instance is in lists it as a member (membership.ts). */
  member?: boolean | null;
  /** The keys of those networks. */
  networks?: readonly string[];
};

/** A provider on a page; its generation changes whenever its row does. */
export type PageEntry = { actorUri: string; score: number; generation: number; local: boolean; lastSeen: number };

export type IndexedAnswer = { total: number; page: PageEntry[]; facets: Facets };

/**
 * A query word and its ways to match: a provider matches it if it has every lexeme of one
 * alternative. A word some language ignores (a stop word: "the", "de", "con") is optional: it
 * adds to the score of providers that have it but filters none out.
 */
export type QueryTerm = {
  readonly word: string;
  readonly alternatives: readonly (readonly string[])[];
  readonly optional: boolean;
};

/** A word as each configuration parses it: one lexeme list per configuration (empty: ignored). */
export type Stems = readonly (readonly string[])[];

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
  /** The health watch's verdict on a fellow member of this instance's networks (set by the edge). */
  health?: { status: "up" | "down" | "unknown"; verdictAt: string | null } | null;
  stale: boolean;
  /** A standing notice of closing (when, and who takes over), and the successor once moved. */
  closingAt: string | null;
  closingSuccessor: string | null;
  movedTo: string | null;
  /** Claims of its profile whose re-confirm-by date has passed: no longer backed by their evidence. */
  unbacked: number;
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

export type PageRow = Omit<DirectoryResult, "explanation">;

export type SearchText = { names: string; services: string; body: string; words: string };
