// Directory search answers kept while the directory is unchanged (ADR 0007), in the shared answer
// cache (answer-cache.ts): every write to the directory raises directory_state.version (a trigger),
// and an answer holds only until the first provider on it would be marked stale, since staleness
// follows the clock rather than a write.
import type { Database } from "../../../db/client.ts";
import { AnswerCache, answerCaches } from "../../answer-cache.ts";
import type { DirectorySearch } from "./types.ts";

export class SearchCache {
  readonly #answers: AnswerCache<DirectorySearch>;

  constructor(answers = new AnswerCache<DirectorySearch>()) {
    this.#answers = answers;
  }

  get(key: string, version: number): DirectorySearch | undefined {
    return this.#answers.get(key, version);
  }

  set(key: string, version: number, value: DirectorySearch, staleAfterMs: number): void {
    // The answer holds until its first fresh remote provider would turn stale.
    const turnsStale = value.results
      .filter((r) => !r.local && !r.stale)
      .map((r) => Date.parse(r.lastSeenAt) + staleAfterMs);
    this.#answers.set(key, version, value, Math.min(...turnsStale));
  }
}

const answersOf = answerCaches<DirectorySearch>();

/** The cache of a database's directory, shared by everything in this process that searches it. */
export function searchCacheFor(database: Database): SearchCache {
  return new SearchCache(answersOf(database));
}
