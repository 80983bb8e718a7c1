// Fedify's KvStore on the project's database: one table, JSON values, optional expiry.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { and, eq, gt, isNull, like, or, sql } from "drizzle-orm";
import { MemoryCachedKvStore, REMOTE_CACHE_PREFIXES } from "./cached-kv-store.ts";
import type { Database } from "./client.ts";
import { kvEntries } from "./schema/index.ts";

// Keys are joined with a separator that cannot appear in Fedify's key parts (URLs and identifiers).
const SEP = "\u001f";
/** A key as stored in kv_entries (for the application's own entries read with SQL). */
export const encodeKey = (key: readonly string[]) => key.join(SEP);
const decodeKey = (key: string) => key.split(SEP) as unknown as KvKey;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function expiry(options?: KvStoreSetOptions): Date | null {
  if (!options?.ttl) return null;
  return new Date(Date.now() + options.ttl.total({ unit: "milliseconds" }));
}

const live = () => or(isNull(kvEntries.expiresAt), gt(kvEntries.expiresAt, sql`now()`));

export class DatabaseKvStore implements KvStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const [row] = await this.#database.db
      .select({ value: kvEntries.value })
      .from(kvEntries)
      .where(and(eq(kvEntries.key, encodeKey(key)), live()))
      .limit(1);
    return row?.value as T | undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const expiresAt = expiry(options);
    // Serialised by hand: drizzle would write a JSON null as SQL NULL, which the column refuses.
    const json = sql`${JSON.stringify(value)}::jsonb`;
    await this.#database.db
      .insert(kvEntries)
      .values({ key: encodeKey(key), value: json, expiresAt })
      .onConflictDoUpdate({ target: kvEntries.key, set: { value: json, expiresAt } });
  }

  async delete(key: KvKey): Promise<void> {
    await this.#database.db.delete(kvEntries).where(eq(kvEntries.key, encodeKey(key)));
  }

  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const k = encodeKey(key);
    const expiresAt = expiry(options);
    if (expectedValue === undefined) {
      // Insert only if absent (or expired): the expired row is replaced, a live one wins.
      const rows = await this.#database.rows<{ key: string }>(sql`
        insert into kv_entries (key, value, expires_at) values (${k}, ${JSON.stringify(newValue)}::jsonb, ${expiresAt})
        on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at
        where kv_entries.expires_at is not null and kv_entries.expires_at <= now()
        returning key`);
      return rows.length === 1;
    }
    const rows = await this.#database.rows<{ key: string }>(sql`
      update kv_entries set value = ${JSON.stringify(newValue)}::jsonb, expires_at = ${expiresAt}
      where key = ${k} and value = ${JSON.stringify(expectedValue)}::jsonb
        and (expires_at is null or expires_at > now())
      returning key`);
    return rows.length === 1;
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const where = prefix
      ? and(
          or(eq(kvEntries.key, encodeKey(prefix)), like(kvEntries.key, `${escapeLike(encodeKey(prefix))}${SEP}%`)),
          live(),
        )
      : live();
    const rows = await this.#database.db.select().from(kvEntries).where(where).orderBy(kvEntries.key);
    for (const row of rows) yield { key: decodeKey(row.key), value: row.value };
  }

  /** Drops expired entries; run now and then so the table does not grow without bound. */
  async purgeExpired(): Promise<number> {
    const rows = await this.#database.rows(sql`delete from kv_entries where expires_at <= now() returning key`);
    return rows.length;
  }
}

const stores = new WeakMap<Database, MemoryCachedKvStore>();

/**
 * The instance's KvStore: the database table with remote keys and documents also kept in memory.
 * One per database, so Fedify and the inbox handlers share the same memory.
 */
export function kvStoreFor(database: Database): MemoryCachedKvStore {
  let store = stores.get(database);
  if (!store) {
    store = new MemoryCachedKvStore(new DatabaseKvStore(database), { prefixes: REMOTE_CACHE_PREFIXES });
    stores.set(database, store);
  }
  return store;
}
