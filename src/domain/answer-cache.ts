// Search answers kept while what they were computed from is unchanged (ADR 0007): searches repeat (a
// front page, common filters), and a kept answer skips ranking and counting. Each searched area keeps
// a version that every write raises (a trigger at commit: directory_state, library_state), so an answer
// is used only at the version it was computed at, for at most a minute, and never past the moment the
// caller says it stops holding (the directory's staleness follows the clock rather than a write).
const MAX_ENTRIES = 100;
const MAX_AGE_MS = 60_000;

type Entry<T> = { version: number; expiresAt: number; value: T };

/** An LRU of answers; insertion order doubles as recency. Answers are shared: callers must not modify them. */
export class AnswerCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  get(key: string, version: number): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version || entry.expiresAt <= Date.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps an answer computed at `version`, until `holdsUntil` (epoch ms) at the latest. */
  set(key: string, version: number, value: T, holdsUntil = Number.POSITIVE_INFINITY): void {
    const now = Date.now();
    const expiresAt = Math.min(now + MAX_AGE_MS, holdsUntil);
    if (expiresAt <= now) return;
    this.#entries.delete(key);
    this.#entries.set(key, { version, expiresAt, value });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/** One cache per owner (a database), shared by everything in this process that searches it. */
export function answerCaches<T>(): (owner: object) => AnswerCache<T> {
  const caches = new WeakMap<object, AnswerCache<T>>();
  return (owner) => {
    let cache = caches.get(owner);
    if (!cache) {
      cache = new AnswerCache<T>();
      caches.set(owner, cache);
    }
    return cache;
  };
}
