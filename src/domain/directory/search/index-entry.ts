// What the search index holds of each provider: its filters as bits and small integer ids,
// its terms' weights from the full-text document, and the facet counts over a set of them.
import { priceModels, serviceKinds, valueTags } from "../../profile/taxonomy.ts";
import { unquoteLexeme } from "./terms.ts";
import type { DirectoryQuery, Facets, IndexRow } from "./types.ts";

/** A service as filters see it; equal ones are shared (most providers offer alike services). */
export type IndexedService = {
  readonly kindBit: number;
  readonly priceBit: number;
  readonly open: boolean;
  readonly languages: readonly number[];
};

export type Entry = {
  actorUri: string;
  sortKey: string;
  fetched: number;
  generation: number;
  local: boolean;
  lastSeen: number;
  words: string;
  kinds: number;
  prices: number;
  values: number;
  open: boolean;
  languages: readonly number[];
  services: readonly IndexedService[];
  country: number;
  region: string;
  jurisdiction: number;
  jurisdictionFolded: string;
  storage: number | null;
  accounts: number | null;
  /** The networks that list the provider as a member, as ids of the interner. */
  networks: readonly number[];
};

const bit = (all: readonly string[], term: string) => (all.indexOf(term) >= 0 ? 1 << all.indexOf(term) : 0);
const maskOf = (all: readonly string[], terms: readonly string[]) => terms.reduce((mask, t) => mask | bit(all, t), 0);

/** ts_rank's weights for labels A (names), B (services), C (statements) and D. */
const LABEL_WEIGHTS = [1, 0.4, 0.2, 0.1];

/**
 * A lexeme's weight in a document from its positions' labels (`1A,5,7B`): the strongest counts
 * fully, each further one less (1/4, 1/9, ...), as ts_rank counts repeats.
 */
export function lexemeWeight(positions: string | undefined): number {
  if (!positions) return LABEL_WEIGHTS[3]!;
  const perLabel = [0, 0, 0, 0];
  for (let i = 1; i <= positions.length; i++) {
    if (i < positions.length && positions[i] !== ",") continue;
    // A position ends with its label: A, B, C, or a digit for D.
    const label = positions.charCodeAt(i - 1) - 65;
    perLabel[label >= 0 && label <= 2 ? label : 3]!++;
  }
  let weight = 0;
  let rank = 1;
  perLabel.forEach((count, label) => {
    for (let c = 0; c < count; c++, rank++) weight += LABEL_WEIGHTS[label]! / (rank * rank);
  });
  return weight;
}

const TSVECTOR_ENTRY = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;

/** The lexemes of a tsvector's text form ('lex':1A,2 'other':3B) with their weights, in order. */
export function parseTsvector(text: string): [string, number][] {
  const lexemes: [string, number][] = [];
  for (const m of text.matchAll(TSVECTOR_ENTRY)) lexemes.push([unquoteLexeme(m[1]!), lexemeWeight(m[2])]);
  return lexemes;
}

/** Small integer ids for open-ended values (languages, countries, jurisdictions), and shared lists of them. */
export class Interner {
  readonly values: string[] = [];
  readonly #ids = new Map<string, number>();
  readonly #shared = new Map<string, readonly unknown[]>();

  id(value: string): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.#ids.set(value, id);
    }
    return id;
  }
  find(value: string): number {
    return this.#ids.get(value) ?? -1;
  }
  /** One shared object per distinct content (by key). */
  share<T>(key: string, make: () => T): T {
    let shared = this.#shared.get(key) as T | undefined;
    if (shared === undefined) {
      shared = make();
      this.#shared.set(key, shared as readonly unknown[]);
    }
    return shared;
  }
}

/** Builds a provider's entry; open-ended values become ids of `interner`, services are shared. */
export function entryOf(row: IndexRow, generation: number, interner: Interner): Entry {
  const services = row.services.map(([kind, price, availability, languages]) => {
    const ids = [...new Set(languages.map((l) => interner.id(l)))].sort((a, b) => a - b);
    const service = {
      kindBit: bit(serviceKinds, kind),
      priceBit: bit(priceModels, price),
      open: availability === "open",
      languages: ids,
    };
    return interner.share(`s${service.kindBit}/${service.priceBit}/${service.open}/${ids.join(",")}`, () => service);
  });
  const languages = [...new Set(services.flatMap((s) => s.languages))].sort((a, b) => a - b);
  const networks = [...new Set((row.networks ?? []).map((n) => interner.id(n)))].sort((a, b) => a - b);
  return {
    actorUri: row.actorUri,
    sortKey: `${row.name}\u0000${row.actorUri}`,
    fetched: row.fetched,
    generation,
    local: row.local,
    lastSeen: row.lastSeen,
    words: row.words,
    kinds: services.reduce((m, s) => m | s.kindBit, 0),
    prices: services.reduce((m, s) => m | s.priceBit, 0),
    values: maskOf(valueTags, row.valueTags),
    open: services.some((s) => s.open),
    languages: interner.share(`l${languages.join(",")}`, () => languages),
    services,
    country: row.country === null ? -1 : interner.id(row.country),
    region: (row.region ?? "").toLowerCase(),
    jurisdiction: row.jurisdiction === null ? -1 : interner.id(row.jurisdiction),
    jurisdictionFolded: (row.jurisdiction ?? "").toLowerCase(),
    storage: row.spareStorageGb,
    accounts: row.spareAccounts,
    networks: interner.share(`n${networks.join(",")}`, () => networks),
  };
}

/** Whether an entry passes every filter the query gives. */
export function filterFor(query: DirectoryQuery, interner: Interner): (e: Entry) => boolean {
  const kinds = maskOf(serviceKinds, query.kind ?? []);
  const prices = maskOf(priceModels, query.price ?? []);
  const values = maskOf(valueTags, query.value ?? []);
  // A language or country no provider names matches nothing (id -1 is never held).
  const languages = (query.language ?? []).map((l) => interner.find(l));
  const countries = (query.country ?? []).map((c) => interner.find(c));
  const network = query.network === undefined ? undefined : interner.find(query.network);
  const region = query.region?.toLowerCase();
  const jurisdiction = query.jurisdiction?.toLowerCase();
  const speaks = (have: readonly number[]) => languages.some((l) => have.includes(l));
  // Service filters hold for one and the same service: "email, in French, sliding scale".
  const serviceFilters = [query.kind?.length, query.language?.length, query.price?.length, query.open].filter(
    Boolean,
  ).length;
  const serviceFits = (s: IndexedService) =>
    (!kinds || (s.kindBit & kinds) !== 0) &&
    (!prices || (s.priceBit & prices) !== 0) &&
    (!query.open || s.open) &&
    (!languages.length || speaks(s.languages));
  return (e) =>
    (!kinds || (e.kinds & kinds) !== 0) &&
    (!prices || (e.prices & prices) !== 0) &&
    (!query.open || e.open) &&
    (!languages.length || speaks(e.languages)) &&
    (serviceFilters < 2 || e.services.some(serviceFits)) &&
    (e.values & values) === values &&
    (!countries.length || countries.includes(e.country)) &&
    (region === undefined || e.region.includes(region)) &&
    (jurisdiction === undefined || (e.jurisdiction >= 0 && e.jurisdictionFolded.includes(jurisdiction))) &&
    (query.minStorageGb === undefined || (e.storage !== null && e.storage >= query.minStorageGb)) &&
    (query.minAccounts === undefined || (e.accounts !== null && e.accounts >= query.minAccounts)) &&
    (network === undefined || e.networks.includes(network));
}

const countBits = (counts: Int32Array, mask: number) => {
  for (let m = mask; m !== 0; m &= m - 1) counts[31 - Math.clz32(m & -m)]!++;
};
const named = (names: readonly string[], counts: Int32Array) =>
  Object.fromEntries(names.flatMap((name, i) => (counts[i] ? [[name, counts[i]]] : [])));

/** Facet counts over a set of entries: every value held by at least one of them. */
export function facetsOf(entries: readonly Entry[], interner: Interner): Facets {
  const [kinds, prices, values] = [
    new Int32Array(serviceKinds.length),
    new Int32Array(priceModels.length),
    new Int32Array(valueTags.length),
  ];
  const [languages, countries, jurisdictions, networks] = [0, 0, 0, 0].map(
    () => new Int32Array(interner.values.length),
  ) as [Int32Array, Int32Array, Int32Array, Int32Array];
  let open = 0;
  for (const e of entries) {
    countBits(kinds, e.kinds);
    countBits(prices, e.prices);
    countBits(values, e.values);
    if (e.open) open++;
    for (const l of e.languages) languages[l]!++;
    if (e.country >= 0) countries[e.country]!++;
    if (e.jurisdiction >= 0) jurisdictions[e.jurisdiction]!++;
    for (const n of e.networks) networks[n]!++;
  }
  return {
    kind: named(serviceKinds, kinds),
    price: named(priceModels, prices),
    value: named(valueTags, values),
    open: open ? { true: open } : {},
    language: named(interner.values, languages),
    country: named(interner.values, countries),
    jurisdiction: named(interner.values, jurisdictions),
    network: named(interner.values, networks),
  };
}
