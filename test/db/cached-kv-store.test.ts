import { MemoryKvStore } from "@fedify/fedify";
import { describe, expect, it } from "vitest";
import { MemoryCachedKvStore, REMOTE_CACHE_PREFIXES } from "../../src/db/cached-kv-store.ts";
import { DatabaseKvStore, kvStoreFor } from "../../src/db/kv-store.ts";
import { freshDatabase } from "../helpers/database.ts";

/** A store that counts the reads that reach it. */
class CountingStore extends MemoryKvStore {
  reads = 0;
  override get<T = unknown>(key: readonly string[]): Promise<T | undefined> {
    this.reads++;
    return super.get<T>(key as never);
  }
}

describe("MemoryCachedKvStore", () => {
  it("answers remote keys and documents from memory after the first read, and other keys from the store", async () => {
    const inner = new CountingStore();
    const store = new MemoryCachedKvStore(inner, { prefixes: REMOTE_CACHE_PREFIXES });
    await inner.set(["_fedify", "publicKey", "https://a.example/u#key"], { id: "k" });
    await inner.set(["_fedify", "activityIdempotence", "x"], true);
    expect(await store.get(["_fedify", "publicKey", "https://a.example/u#key"])).toEqual({ id: "k" });
    expect(await store.get(["_fedify", "publicKey", "https://a.example/u#key"])).toEqual({ id: "k" });
    expect(inner.reads).toBe(1);
    await store.get(["_fedify", "activityIdempotence", "x"]);
    await store.get(["_fedify", "activityIdempotence", "x"]);
    expect(inner.reads).toBe(3);
  });

  it("writes and deletes through, and does not remember a missing key", async () => {
    const inner = new CountingStore();
    const store = new MemoryCachedKvStore(inner, { prefixes: REMOTE_CACHE_PREFIXES });
    const key = ["_fedify", "remoteDocument", "https://a.example/u"] as const;
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, { document: 1 });
    expect(await inner.get(key)).toEqual({ document: 1 });
    expect(await store.get(key)).toEqual({ document: 1 });
    await store.delete(key);
    expect(await inner.get(key)).toBeUndefined();
    expect(await store.get(key)).toBeUndefined();
  });

  it("forgets entries after maxAgeMs and keeps at most maxEntries", async () => {
    const inner = new CountingStore();
    const store = new MemoryCachedKvStore(inner, { prefixes: REMOTE_CACHE_PREFIXES, maxAgeMs: 30, maxEntries: 2 });
    for (const n of [1, 2, 3]) await store.set(["_fedify", "remoteDocument", `u${n}`], n);
    expect(store.size).toBe(2);
    await store.get(["_fedify", "remoteDocument", "u1"]); // evicted: read from the store
    expect(inner.reads).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    await store.get(["_fedify", "remoteDocument", "u3"]); // expired: read again
    expect(inner.reads).toBe(2);
  });

  it("sits in front of the database store, one per database", async () => {
    const testDatabase = await freshDatabase();
    const database = await testDatabase.open();
    try {
      const store = kvStoreFor(database);
      expect(kvStoreFor(database)).toBe(store);
      const key = ["_fedify", "publicKey", "https://b.example/u#key"] as const;
      await store.set(key, { id: "k" }, { ttl: Temporal.Duration.from({ minutes: 5 }) });
      expect(await new DatabaseKvStore(database).get(key)).toEqual({ id: "k" });
      expect(await store.get(key)).toEqual({ id: "k" });
      expect(await store.cas(key, { id: "k" }, { id: "k2" })).toBe(true);
      expect(await store.get(key)).toEqual({ id: "k2" });
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });
});
