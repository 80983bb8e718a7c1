// An in-memory layer in front of the database KvStore for what Fedify reads on every incoming
// activity and rarely changes: remote public keys and remote documents (actors, contexts). Without
// it each delivery costs two more database round trips (measured in bench/inbox.ts). Entries are
// kept at most maxAgeMs, so a change made by another process (a second server, a worker) is seen
// soon; writes and deletes go through to the database first.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

export type CachedKvOptions = {
  /** Key prefixes kept in memory, e.g. ["_fedify", "publicKey"]. */
  readonly prefixes: readonly KvKey[];
  readonly maxEntries?: number;
  readonly maxAgeMs?: number;
};

/** Fedify's prefixes for fetched public keys and remote JSON-LD documents. */
export const REMOTE_CACHE_PREFIXES: readonly KvKey[] = [
  ["_fedify", "publicKey"],
  ["_fedify", "remoteDocument"],
];

const SEP = "\u001f";

export class MemoryCachedKvStore implements KvStore {
  readonly #inner: KvStore & Required<Pick<KvStore, "cas">>;
  readonly #prefixes: readonly string[];
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  // Insertion order doubles as recency: a hit is moved to the end, the oldest goes first.
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(inner: KvStore & Required<Pick<KvStore, "cas">>, options: CachedKvOptions) {
    this.#inner = inner;
    this.#prefixes = options.prefixes.map((p) => p.join(SEP) + SEP);
    this.#maxEntries = options.maxEntries ?? 2000;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
  }

  #cacheKey(key: KvKey): string | undefined {
    const k = key.join(SEP);
    return this.#prefixes.some((p) => k.startsWith(p)) ? k : undefined;
  }

  #remember(k: string, value: unknown, ttlMs?: number): void {
    if (value === undefined) return;
    this.#entries.delete(k);
    this.#entries.set(k, { value, expiresAt: Date.now() + Math.min(ttlMs ?? this.#maxAgeMs, this.#maxAgeMs) });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const k = this.#cacheKey(key);
    if (k === undefined) return this.#inner.get<T>(key);
    const hit = this.#entries.get(k);
    if (hit && hit.expiresAt > Date.now()) {
      this.#entries.delete(k);
      this.#entries.set(k, hit);
      return hit.value as T;
    }
    if (hit) this.#entries.delete(k);
    const value = await this.#inner.get<T>(key);
    this.#remember(k, value);
    return value;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    await this.#inner.set(key, value, options);
    const k = this.#cacheKey(key);
    if (k !== undefined) this.#remember(k, value, options?.ttl?.total({ unit: "milliseconds" }));
  }

  async delete(key: KvKey): Promise<void> {
    const k = this.#cacheKey(key);
    if (k !== undefined) this.#entries.delete(k);
    await this.#inner.delete(key);
  }

  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const k = this.#cacheKey(key);
    if (k !== undefined) this.#entries.delete(k);
    return this.#inner.cas(key, expectedValue, newValue, options);
  }

  list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    return this.#inner.list(prefix);
  }

  /** How many entries are held now (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
