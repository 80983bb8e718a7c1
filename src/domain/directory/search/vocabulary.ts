// The words the directory's providers use (names, services, values), for typo tolerance: a query
// word the directory does not know is corrected to the known words most like it, by trigram
// similarity as pg_trgm measures it (shared trigrams of the word padded with spaces, over all).

export const SIMILARITY_THRESHOLD = 0.3;
const MIN_LENGTH = 3;
const MAX_LENGTH = 40;

/** A word's distinct trigrams, padded as pg_trgm pads: two spaces before, one after. */
export function trigrams(word: string): Set<string> {
  const chars = Array.from(`  ${word} `);
  const set = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) set.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return set;
}

/** The words kept: as long as a word can usefully be (and is cheap to compare). */
export const vocabularyWords = (words: string): string[] =>
  words.split(" ").filter((w) => w.length >= MIN_LENGTH && w.length <= MAX_LENGTH);

export class Vocabulary {
  /** How many providers use each word: a word is forgotten with its last provider. */
  readonly #uses = new Map<string, number>();
  readonly #byTrigram = new Map<string, Set<string>>();

  add(words: readonly string[]): void {
    for (const word of words) {
      const uses = this.#uses.get(word) ?? 0;
      this.#uses.set(word, uses + 1);
      if (uses > 0) continue;
      for (const trigram of trigrams(word)) {
        const set = this.#byTrigram.get(trigram);
        if (set) set.add(word);
        else this.#byTrigram.set(trigram, new Set([word]));
      }
    }
  }

  remove(words: readonly string[]): void {
    for (const word of words) {
      const uses = this.#uses.get(word) ?? 0;
      if (uses > 1) {
        this.#uses.set(word, uses - 1);
        continue;
      }
      this.#uses.delete(word);
      for (const trigram of trigrams(word)) {
        const set = this.#byTrigram.get(trigram);
        set?.delete(word);
        if (set?.size === 0) this.#byTrigram.delete(trigram);
      }
    }
  }

  has(word: string): boolean {
    return this.#uses.has(word);
  }

  /** For an unknown word of four letters or more, the `max` known words most like it. */
  corrections(word: string, max = 2): string[] {
    if (Array.from(word).length < 4 || this.has(word)) return [];
    const own = trigrams(word);
    const shared = new Map<string, number>();
    for (const trigram of own)
      for (const known of this.#byTrigram.get(trigram) ?? []) shared.set(known, (shared.get(known) ?? 0) + 1);
    const similar: { word: string; similarity: number }[] = [];
    for (const [known, count] of shared) {
      const similarity = count / (own.size + trigrams(known).size - count);
      if (similarity >= SIMILARITY_THRESHOLD) similar.push({ word: known, similarity });
    }
    similar.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
    return similar.slice(0, max).map((s) => s.word);
  }
}
