// Keeps each process's search index in step with the database. Every write to the directory
// raises directory_state.version and logs the provider it changed (a trigger, drizzle/0005), so
// before each search one statement reads the version and the providers changed since the index's;
// a full-text document is read again only when the profile may have changed. An index older than
// the log (pruned, or truncated) reloads whole (ADR 0009). Which networks list a provider as a
// member comes from the networks' records (membership.ts), read when providers changed: a change of
// membership writes the member's row, so the log names it.
import { eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import { jsonValue, rowsOf, type Database } from "../../../db/client.ts";
import { directoryState } from "../../../db/schema/index.ts";
import { recordedMembership, type DirectoryMembership, type Memberships } from "../membership.ts";
import { DirectoryIndex } from "./search-index.ts";
import { PageProviders } from "./page.ts";
import { queryTerm, readStems, stemsSql, textArray } from "./terms.ts";
import type { IndexRow, QueryTerm, Stems } from "./types.ts";

/** Change log entries kept: more than a refresh cycle of a large network writes. */
const KEPT_CHANGES = 50_000;
/** Stems kept per process: a word's stems never change, and a query's words repeat. */
const KEPT_STEMS = 10_000;

/** When the profile was fetched, in microseconds (exact in a double). */
const fetchedMicros = sql`(extract(epoch from p.fetched_at) * 1000000)::float8`;

/** The columns the index needs of providers p; the full-text document where `withDocument`. */
const columnsSql = (withDocument: SQL) => sql`p.actor_uri as "actorUri", p.name, p.local, p.member, p.country, p.region,
  p.jurisdiction, p.value_tags as "valueTags", p.spare_storage_gb as "spareStorageGb", p.spare_accounts as "spareAccounts",
  ${fetchedMicros} as fetched, (extract(epoch from p.last_seen_at) * 1000)::float8 as "lastSeen", p.search_words as words,
  (select coalesce(json_agg(json_build_array(s.kind, s.price_model, s.availability, s.support_languages) order by s.position), '[]'::json)
    from directory_services s where s.actor_uri = p.actor_uri) as services,
  case when ${withDocument} then p.search_vector::text end as vector`;

type SyncRow = Partial<IndexRow> & { version: number; changesFrom: number; changed: string | null };

/**
 * One statement: the directory's version and, if the log still holds every change after `held`,
 * a row per provider changed since (its columns null if it is gone), with its document if its
 * profile may have changed. An index that has nothing (held -1) gets the version alone.
 */
export const syncSql = (
  held: number | Placeholder,
) => sql`with s as (select version, changes_from from directory_state where id = 1),
c as (
  select c.actor_uri, bool_or(c.profile) as profile from directory_changes c, s
  where ${held} >= s.changes_from and c.version > ${held} group by c.actor_uri
)
select s.version::float8 as version, s.changes_from::float8 as "changesFrom", c.actor_uri as changed, r.*
from s left join c on true
left join lateral (select ${columnsSql(sql`c.profile`)} from directory_providers p where p.actor_uri = c.actor_uri) r on true`;

const parsedRow = (row: IndexRow): IndexRow => ({ ...row, services: jsonValue(row.services) });

const withNetworks = (row: IndexRow, memberships: Memberships): IndexRow => ({
  ...row,
  networks: row.member ? (memberships.get(row.actorUri) ?? []) : [],
});

/** Providers with every column the index needs, their documents included. */
const wholeRowsSql = (where: SQL) => sql`select ${columnsSql(sql`true`)} from directory_providers p where ${where}`;

export class SearchIndexStore {
  readonly index = new DirectoryIndex();
  #version = -1;
  #queue: Promise<unknown> = Promise.resolve();
  #readVersion?: { execute(): Promise<{ version: number; changesFrom: number }[]> };
  #readChanges?: { execute(placeholders: { held: number }): Promise<{ row: SyncRow | string }[]> };
  readonly #stems = new Map<string, Stems>();

  readonly #database: Database;
  readonly #membership: DirectoryMembership;
  /** What results show of the providers on a page. */
  readonly pages: PageProviders;

  constructor(database: Database, membership: DirectoryMembership = recordedMembership(database.db)) {
    this.#database = database;
    this.#membership = membership;
    this.pages = new PageProviders(database);
  }

  /** Brings the index up to the database's current version, and returns that version. */
  sync(): Promise<number> {
    // One sync at a time per process; each caller gets a version read after it asked.
    const next = this.#queue.then(() => this.#sync());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #sync(): Promise<number> {
    // Most searches find the directory unchanged: a prepared read of one row tells.
    this.#readVersion ??= this.#database.db
      .select({ version: directoryState.version, changesFrom: directoryState.changesFrom })
      .from(directoryState)
      .where(eq(directoryState.id, 1))
      .prepare("directory_version");
    const [state] = await this.#readVersion.execute();
    if (!state || state.version === this.#version) return this.#version;
    const rows = this.#version < state.changesFrom ? [] : await this.#changedSince(this.#version);
    const current = rows[0] ?? { ...state, changed: null };
    // The log may have been pruned past this index in between: then it reloads whole.
    if (this.#version < current.changesFrom) await this.#reloadAll();
    else await this.#apply(rows);
    this.#version = current.version;
    return this.#version;
  }

  /** syncSql, prepared: planning it costs more than running it. */
  async #changedSince(held: number): Promise<SyncRow[]> {
    this.#readChanges ??= this.#database.db
      .select({ row: sql<SyncRow | string>`row_to_json(x)` })
      .from(sql`(${syncSql(sql.placeholder("held"))}) x`)
      .prepare("directory_changes_since");
    const rows = await this.#readChanges.execute({ held });
    return rows.map(({ row }) => jsonValue<SyncRow>(row));
  }

  async #reloadAll(): Promise<void> {
    const rows = await rowsOf<IndexRow>(this.#database.db, wholeRowsSql(sql`true`));
    const present = new Set(rows.map((r) => r.actorUri));
    await this.#put(rows);
    for (const actorUri of this.index.actorUris()) if (!present.has(actorUri)) this.index.remove(actorUri);
  }

  /** Applies the changed providers; one the index lacks but whose profile is unchanged is read whole. */
  async #apply(rows: readonly SyncRow[]): Promise<void> {
    const unindexed: string[] = [];
    const changed: IndexRow[] = [];
    for (const row of rows) {
      if (row.changed === null) continue;
      if (row.actorUri === null || row.actorUri === undefined) this.index.remove(row.changed);
      else if (!row.vector && this.index.fetchedOf(row.actorUri) === undefined) unindexed.push(row.actorUri);
      else changed.push(row as IndexRow);
    }
    const whole =
      unindexed.length === 0
        ? []
        : await rowsOf<IndexRow>(this.#database.db, wholeRowsSql(sql`p.actor_uri = any(${textArray(unindexed)})`));
    await this.#put([...changed, ...whole]);
  }

  /**
   * Puts providers in the index with their networks. Only a provider marked as a member has any, so
   * the networks' member lists are read only when one is among them: a change to other providers
   * costs no more than it did before networks.
   */
  async #put(rows: readonly IndexRow[]): Promise<void> {
    const memberships: Memberships = rows.some((r) => r.member) ? await this.#membership.memberships() : new Map();
    for (const row of rows) this.index.put(withNetworks(parsedRow(row), memberships));
  }

  /** A full-text query's terms: its words, their typo corrections, and their stems. */
  async queryTerms(words: readonly string[], timeoutMs = 2000): Promise<QueryTerm[]> {
    const corrections = new Map(words.map((w) => [w, this.index.vocabulary.corrections(w)]));
    const variants = [...new Set([...corrections].flatMap(([w, c]) => [w, ...c]))];
    const unknown = variants.filter((v) => !this.#stems.has(v));
    if (unknown.length) {
      type Row = { word: string; config: string; query: string };
      // Words typed by anyone reach the database here: the statement is bounded, and so is its time.
      const rows =
        this.#database.kind === "postgres"
          ? await this.#database.db.transaction(async (tx) => {
              await tx.execute(sql.raw(`set local statement_timeout = ${Math.trunc(timeoutMs)}`));
              return rowsOf<Row>(tx, stemsSql(unknown));
            })
          : await rowsOf<Row>(this.#database.db, stemsSql(unknown));
      for (const [word, stems] of readStems(rows)) this.#rememberStems(word, stems);
    }
    const stemsOf = (w: string) => this.#stems.get(w) ?? [];
    return words
      .map((w) => queryTerm(w, corrections.get(w) ?? [], stemsOf))
      .filter((t): t is QueryTerm => t !== undefined);
  }

  #rememberStems(word: string, stems: Stems): void {
    this.#stems.set(word, stems);
    if (this.#stems.size > KEPT_STEMS) this.#stems.delete(this.#stems.keys().next().value!);
  }
}

const stores = new WeakMap<Database, SearchIndexStore>();

/** The index of a database's directory, shared by everything in this process that searches it. */
export function searchIndexFor(database: Database): SearchIndexStore {
  let store = stores.get(database);
  if (!store) {
    store = new SearchIndexStore(database);
    stores.set(database, store);
  }
  return store;
}

/** Drops the oldest change log entries; indexes that had not read them reload whole. */
export async function pruneDirectoryChanges(database: Database, keep = KEPT_CHANGES): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ cut: number | null }>(
      tx,
      sql`select (max(version) - ${keep})::float8 as cut from directory_changes`,
    );
    if (!row?.cut || row.cut <= 0) return;
    await tx.execute(sql`update directory_state set changes_from = greatest(changes_from, ${row.cut}) where id = 1`);
    await tx.execute(sql`delete from directory_changes where version <= ${row.cut}`);
  });
}
