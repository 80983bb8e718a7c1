// The directory's search index, in memory: what a search filters, counts and ranks on, for every
// provider. A network of 5,000 providers takes about 13 MB, and answering from it
// costs a fraction of a millisecond per thousand matches, where PostgreSQL had to read every
// matching row's full-text document (ADR 0009). The database stays the source: the index is
// loaded from it and follows its change log (search-index-store.ts).
import { entryOf, facetsOf, filterFor, Interner, parseTsvector, type Entry } from "./index-entry.ts";
import { Vocabulary, vocabularyWords } from "./vocabulary.ts";
import type { DirectoryQuery, IndexRow, IndexedAnswer, QueryTerm } from "./types.ts";

/** Weights are kept in hundredths, with the slot, in one 32-bit integer per posting. */
const WEIGHT_BITS = 8;
const WEIGHT_SCALE = 100;

/** A lexeme's postings: (slot << 8 | weight in hundredths), growing like an array. */
class Postings {
  data = new Int32Array(4);
  length = 0;

  push(slot: number, weight: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = (slot << WEIGHT_BITS) | Math.min(255, Math.round(weight * WEIGHT_SCALE));
  }
}

/** Indices 0..n-1 in `before` order, the first `k` only: a bounded heap, then a sort of those. */
export function firstK(n: number, k: number, before: (a: number, b: number) => boolean): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i).sort((a, b) => (before(a, b) ? -1 : 1));
  // heap[0] is the last of the k best so far.
  const heap: number[] = [];
  const sift = (i: number) => {
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let last = i;
      if (l < heap.length && before(heap[last]!, heap[l]!)) last = l;
      if (r < heap.length && before(heap[last]!, heap[r]!)) last = r;
      if (last === i) return;
      [heap[i], heap[last]] = [heap[last]!, heap[i]!];
      i = last;
    }
  };
  for (let x = 0; x < n; x++) {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0 && before(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1)
        [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
    } else if (k > 0 && before(x, heap[0]!)) {
      heap[0] = x;
      sift(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}

export class DirectoryIndex {
  /** Providers by slot; a provider whose terms change moves to a new slot, the old one stays empty. */
  #entries: (Entry | undefined)[] = [];
  #slots = new Map<string, number>();
  #postings = new Map<string, Postings>();
  #empty = 0;
  #generation = 0;
  readonly #interner = new Interner();
  readonly vocabulary = new Vocabulary();

  get size(): number {
    return this.#slots.size;
  }

  actorUris(): string[] {
    return [...this.#slots.keys()];
  }

  /** When a provider's profile was fetched, as the index holds it (undefined: not indexed). */
  fetchedOf(actorUri: string): number | undefined {
    const slot = this.#slots.get(actorUri);
    return slot === undefined ? undefined : this.#entries[slot]!.fetched;
  }

  /** Adds or replaces a provider. Without `vector`, its full-text terms are kept as they are. */
  put(row: IndexRow): void {
    const entry = entryOf(row, ++this.#generation, this.#interner);
    const slot = this.#slots.get(row.actorUri);
    if (slot !== undefined) this.vocabulary.remove(vocabularyWords(this.#entries[slot]!.words));
    this.vocabulary.add(vocabularyWords(entry.words));
    if (slot !== undefined && !row.vector) {
      this.#entries[slot] = entry;
      return;
    }
    if (slot !== undefined) this.#vacate(slot);
    const next = this.#entries.length;
    this.#entries.push(entry);
    this.#slots.set(row.actorUri, next);
    for (const [lexeme, weight] of parseTsvector(row.vector ?? "")) {
      let postings = this.#postings.get(lexeme);
      if (!postings) {
        postings = new Postings();
        this.#postings.set(lexeme, postings);
      }
      postings.push(next, weight);
    }
  }

  remove(actorUri: string): void {
    const slot = this.#slots.get(actorUri);
    if (slot === undefined) return;
    this.vocabulary.remove(vocabularyWords(this.#entries[slot]!.words));
    this.#slots.delete(actorUri);
    this.#vacate(slot);
  }

  #vacate(slot: number): void {
    this.#entries[slot] = undefined;
    // Postings of empty slots are skipped when read; once they are as many as the live ones, they go.
    if (++this.#empty > Math.max(1000, this.#slots.size)) this.#compact();
  }

  #compact(): void {
    const moved = new Int32Array(this.#entries.length).fill(-1);
    const entries: Entry[] = [];
    this.#entries.forEach((entry, slot) => {
      if (!entry) return;
      moved[slot] = entries.length;
      this.#slots.set(entry.actorUri, entries.length);
      entries.push(entry);
    });
    for (const [lexeme, postings] of this.#postings) {
      const kept = new Postings();
      for (let i = 0; i < postings.length; i++) {
        const to = moved[postings.data[i]! >> WEIGHT_BITS]!;
        if (to >= 0) kept.push(to, (postings.data[i]! & 255) / WEIGHT_SCALE);
      }
      if (kept.length) this.#postings.set(lexeme, kept);
      else this.#postings.delete(lexeme);
    }
    this.#entries = entries;
    this.#empty = 0;
  }

  /** A term's score by slot (0: no match): the best of its alternatives. */
  #termScores(term: QueryTerm, slots: number): Float64Array {
    const best = new Float64Array(slots);
    for (const lexemes of term.alternatives) {
      if (lexemes.length === 1) {
        const postings = this.#postings.get(lexemes[0]!);
        for (let i = 0; postings && i < postings.length; i++) {
          const slot = postings.data[i]! >> WEIGHT_BITS;
          best[slot] = Math.max(best[slot]!, (postings.data[i]! & 255) / WEIGHT_SCALE);
        }
        continue;
      }
      // A word the parser splits into several lexemes needs all of them; it scores their mean.
      const hits = new Uint8Array(slots);
      const sums = new Float64Array(slots);
      for (const lexeme of lexemes) {
        const postings = this.#postings.get(lexeme);
        for (let i = 0; postings && i < postings.length; i++) {
          const slot = postings.data[i]! >> WEIGHT_BITS;
          hits[slot]!++;
          sums[slot]! += (postings.data[i]! & 255) / WEIGHT_SCALE;
        }
      }
      for (let s = 0; s < slots; s++)
        if (hits[s] === lexemes.length) best[s] = Math.max(best[s]!, sums[s]! / lexemes.length);
    }
    return best;
  }

  /**
   * Scores by slot for a full-text query (-1: no match): every required term must match, and a
   * query of optional words alone needs one of them.
   */
  #textScores(terms: readonly QueryTerm[]): Float64Array {
    const slots = this.#entries.length;
    const scores = new Float64Array(slots);
    const required = new Uint8Array(slots);
    const optional = new Uint8Array(slots);
    const requiredCount = terms.filter((t) => !t.optional).length;
    for (const term of terms) {
      const best = this.#termScores(term, slots);
      for (let s = 0; s < slots; s++) {
        if (best[s] === 0) continue;
        scores[s]! += best[s]!;
        if (term.optional) optional[s] = 1;
        else required[s]!++;
      }
    }
    for (let s = 0; s < slots; s++)
      if (requiredCount > 0 ? required[s] !== requiredCount : optional[s] === 0) scores[s] = -1;
    return scores;
  }

  /**
   * Answers a query: the matching providers' total, facet counts over all of them, and one page,
   * best score first, then by name (stable across pages).
   */
  search(query: DirectoryQuery, terms: readonly QueryTerm[] | undefined, offset: number, limit: number): IndexedAnswer {
    const passes = filterFor(query, this.#interner);
    const scores = terms ? this.#textScores(terms) : undefined;
    const matched: Entry[] = [];
    const matchedScores: number[] = [];
    for (let slot = 0; slot < this.#entries.length; slot++) {
      const entry = this.#entries[slot];
      const score = scores ? scores[slot]! : 0;
      if (!entry || score < 0 || !passes(entry)) continue;
      matched.push(entry);
      matchedScores.push(score);
    }
    const before = (a: number, b: number) =>
      matchedScores[a]! > matchedScores[b]! ||
      (matchedScores[a] === matchedScores[b] && matched[a]!.sortKey < matched[b]!.sortKey);
    const first = firstK(matched.length, offset + limit, before).slice(offset);
    return {
      total: matched.length,
      page: first.map((i) => {
        const { actorUri, generation, local, lastSeen } = matched[i]!;
        return { actorUri, score: matchedScores[i]!, generation, local, lastSeen };
      }),
      facets: facetsOf(matched, this.#interner),
    };
  }
}
