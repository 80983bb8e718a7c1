// Search answers kept while the directory is unchanged: searches repeat (the front page, common
// filters), and a kept answer skips ranking, counting and the page's providers. Every write to the
// directory raises directory_state.version (a trigger), so an answer is used only at the version it
// was computed at; and only until the first provider on it would be marked stale, since staleness
// follows the clock rather than a write.
import type { Database } from "../../../db/client.ts";
import type { DirectorySearch } from "./types.ts";

const MAX_ENTRIES = 100;
const MAX_AGE_MS = 60_000;

type Entry = { version: number; expiresAt: number; value: DirectorySearch };

/** An LRU of answers; insertion order doubles as recency. */
export class SearchCache {
  readonly #entries = new Map<string, Entry>();

  get(key: string, version: number): DirectorySearch | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version || entry.expiresAt <= Date.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: number, value: DirectorySearch, staleAfterMs: number): void {
    const now = Date.now();
    // The answer holds until its first fresh remote provider would turn stale.
    const turnsStale = value.results
      .filter((r) => !r.local && !r.stale)
      .map((r) => Date.parse(r.lastSeenAt) + staleAfterMs);
    const expiresAt = Math.min(now + MAX_AGE_MS, ...turnsStale);
    if (expiresAt <= now) return;
    this.#entries.delete(key);
    this.#entries.set(key, { version, expiresAt, value });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

const caches = new WeakMap<Database, SearchCache>();

/** The cache of a database's directory, shared by everything in this process that searches it. */
export function searchCacheFor(database: Database): SearchCache {
  let cache = caches.get(database);
  if (!cache) {
    cache = new SearchCache();
    caches.set(database, cache);
  }
  return cache;
}
