import "temporal-polyfill/global";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { DatabaseKvStore } from "../../src/db/kv-store.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";

describe("DatabaseKvStore", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let kv: DatabaseKvStore;
  beforeEach(async () => {
    testDatabase = await freshDatabase();
    database = await testDatabase.open();
    kv = new DatabaseKvStore(database);
  });
  afterEach(async () => {
    await database.close();
    await testDatabase.drop();
  });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const ms = (milliseconds: number) => Temporal.Duration.from({ milliseconds });
  const list = async (prefix?: readonly string[]) => {
    const entries = [];
    for await (const e of kv.list(prefix as never)) entries.push(e);
    return entries;
  };

  it("gets, sets, overwrites and deletes JSON values", async () => {
    expect(await kv.get(["a"])).toBeUndefined();
    await kv.set(["a"], { n: 1, list: [1, "two", null], nested: { ok: true } });
    expect(await kv.get(["a"])).toEqual({ n: 1, list: [1, "two", null], nested: { ok: true } });
    await kv.set(["a"], "replaced");
    expect(await kv.get(["a"])).toBe("replaced");
    await kv.set(["zero"], 0);
    await kv.set(["null"], null);
    expect(await kv.get(["zero"])).toBe(0);
    expect(await kv.get(["null"])).toBeNull();
    await kv.delete(["a"]);
    expect(await kv.get(["a"])).toBeUndefined();
    await kv.delete(["never-set"]);
  });

  it("keeps keys with separators and wildcards apart", async () => {
    await kv.set(["https://a.example/x", "b"], 1);
    await kv.set(["https://a.example/x/b"], 2);
    await kv.set(["100%", "_"], 3);
    expect(await kv.get(["https://a.example/x", "b"])).toBe(1);
    expect(await kv.get(["https://a.example/x/b"])).toBe(2);
    expect(await kv.get(["100%", "_"])).toBe(3);
    expect(await kv.get(["100%"])).toBeUndefined();
  });

  it("forgets an entry after its ttl", async () => {
    await kv.set(["short"], "v", { ttl: ms(300) });
    await kv.set(["long"], "v", { ttl: ms(60_000) });
    expect(await kv.get(["short"])).toBe("v");
    await pause(600);
    expect(await kv.get(["short"])).toBeUndefined();
    expect(await kv.get(["long"])).toBe("v");
    expect((await list()).map((e) => e.key)).toEqual([["long"]]);
    expect(await kv.purgeExpired()).toBe(1);
    // Setting again without a ttl makes it permanent.
    await kv.set(["long"], "w");
    expect(await kv.get(["long"])).toBe("w");
  });

  it("compares and swaps", async () => {
    expect(await kv.cas(["c"], undefined, 1)).toBe(true);
    expect(await kv.cas(["c"], undefined, 2)).toBe(false);
    expect(await kv.cas(["c"], 5, 2)).toBe(false);
    expect(await kv.cas(["c"], 1, { v: 2 })).toBe(true);
    expect(await kv.cas(["c"], { v: 2 }, { v: 3 })).toBe(true);
    expect(await kv.get(["c"])).toEqual({ v: 3 });
    // An expired entry counts as absent.
    await kv.set(["e"], "old", { ttl: ms(200) });
    await pause(400);
    expect(await kv.cas(["e"], "old", "new")).toBe(false);
    expect(await kv.cas(["e"], undefined, "new")).toBe(true);
    expect(await kv.get(["e"])).toBe("new");
  });

  it("cas lets exactly one of many concurrent writers win", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => kv.cas(["race"], undefined, i)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lists by prefix, whole key parts only", async () => {
    await kv.set(["fedify", "cache", "a"], 1);
    await kv.set(["fedify", "cache", "b"], 2);
    await kv.set(["fedify", "cache"], 0);
    await kv.set(["fedify", "cacheX"], 9);
    await kv.set(["other"], 3);
    await kv.set(["fedify", "cache", "gone"], 4, { ttl: ms(100) });
    await pause(300);
    expect(await list(["fedify", "cache"])).toEqual([
      { key: ["fedify", "cache"], value: 0 },
      { key: ["fedify", "cache", "a"], value: 1 },
      { key: ["fedify", "cache", "b"], value: 2 },
    ]);
    expect(await list()).toHaveLength(5);
  });
});
