// The signed objects of each network, kept in the database and folded in memory. A process keeps one
// replica per network and, each time it is asked, adds only the rows stored since it last looked (by
// any process: inserts of one network are serialised, so `seq` commits in order and nothing is skipped).
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.ts";
import { lockKey } from "../../db/locks.ts";
import { networkObjects } from "../../db/schema/index.ts";
import type { NetworkDocument } from "../../db/schema/json.ts";
import { findNetwork } from "./networks.repository.ts";
import type { Genesis, NetworkObject } from "./objects.ts";
import { authorOf, collectionOf, idOf } from "./objects.ts";
import { NetworkReplica, type Signed } from "./replica.ts";

/** Reads a stored document back as the engine object it carries (undefined: not one). */
export type DocumentReader = (document: NetworkDocument) => NetworkObject | undefined;

export type HeldReplica = {
  readonly replica: NetworkReplica;
  /** The motions each actor has closed (its closings held), so a closing is issued once. */
  readonly closed: ReadonlyMap<string, ReadonlySet<string>>;
};

type Entry = { replica: NetworkReplica; founding: string; maxSeq: number; closed: Map<string, Set<string>> };

type Slot = { entry?: Entry; loading: Promise<unknown> };
type Cache = { slots: Map<string, Slot>; ids: Map<string, string> };

const caches = new WeakMap<Database, Cache>();

/** The lock that serialises inserts into one network. */
const lockOf = (network: string) => `network-objects ${network}`;

export class NetworkStore {
  readonly #database: Database;
  readonly #read: DocumentReader;

  constructor(database: Database, read: DocumentReader) {
    this.#database = database;
    this.#read = read;
  }

  /** The network's replica (by id or key) with everything stored so far; undefined while its founding is not held. */
  async replica(network: string): Promise<HeldReplica | undefined> {
    let cache = caches.get(this.#database);
    if (!cache) {
      cache = { slots: new Map(), ids: new Map() };
      caches.set(this.#database, cache);
    }
    let id = cache.ids.get(network);
    if (id === undefined) {
      const row = await findNetwork(this.#database.db, network);
      if (!row) return undefined;
      id = row.id;
      cache.ids.set(row.key, row.id);
      cache.ids.set(row.id, row.id);
    }
    let slot = cache.slots.get(id);
    if (!slot) {
      slot = { loading: Promise.resolve() };
      cache.slots.set(id, slot);
    }
    const current = slot;
    // One load at a time per network: a second caller waits and then finds the rows already added.
    const run = current.loading.then(() => this.#load(id, current));
    current.loading = run.catch(() => {});
    return run;
  }

  async #load(network: string, slot: { entry?: Entry }): Promise<HeldReplica | undefined> {
    const { db } = this.#database;
    if (!slot.entry) {
      const row = await findNetwork(db, network);
      const founding = row?.founding ? this.#read(row.founding) : undefined;
      if (!row || founding?.type !== "Genesis") return undefined;
      const genesis: Signed<Genesis> = { object: founding, proof: row.founding };
      slot.entry = { replica: new NetworkReplica(genesis), founding: idOf(founding), maxSeq: 0, closed: new Map() };
    }
    const entry = slot.entry;
    const rows = await db
      .select({ seq: networkObjects.seq, document: networkObjects.document, receivedAt: networkObjects.receivedAt })
      .from(networkObjects)
      .where(and(eq(networkObjects.network, entry.replica.network), gt(networkObjects.seq, entry.maxSeq)))
      .orderBy(asc(networkObjects.seq));
    for (const row of rows) {
      entry.maxSeq = Math.max(entry.maxSeq, row.seq);
      const object = this.#read(row.document);
      if (!object || object.type === "Genesis") continue;
      // Stored objects were verified when they arrived: their author is who signed them.
      entry.replica.add({ object, proof: row.document }, (s) => authorOf(s.object), row.receivedAt.getTime());
      if (object.type === "Closing") {
        const set = entry.closed.get(object.by) ?? new Set<string>();
        set.add(object.motion);
        entry.closed.set(object.by, set);
      }
    }
    return entry;
  }

  /** Forgets the replicas of this database (a founding stored by another process is read again). */
  forget(network: string): void {
    const cache = caches.get(this.#database);
    const id = cache?.ids.get(network) ?? network;
    cache?.slots.delete(id);
  }
}

/**
 * Stores a verified object of a network with the time this instance received it; `tx` is the
 * transaction that also records what must be sent because of it. False when it was already held.
 */
export async function storeObject(
  tx: Db,
  network: string,
  object: Exclude<NetworkObject, Genesis>,
  document: NetworkDocument,
  receivedAt: number,
): Promise<boolean> {
  await lockKey(tx, lockOf(network));
  const added = await tx
    .insert(networkObjects)
    .values({
      network,
      objectId: idOf(object),
      collection: collectionOf(object),
      author: authorOf(object),
      document,
      receivedAt: new Date(receivedAt),
    })
    .onConflictDoNothing()
    .returning({ seq: networkObjects.seq });
  return added.length > 0;
}

/**
 * Whether an actor's closing of a motion is already stored (by any process): taken under the network's
 * lock, so the caller's insert in the same transaction cannot race another process issuing the same one.
 */
export async function closingHeld(tx: Db, network: string, by: string, motion: string): Promise<boolean> {
  await lockKey(tx, lockOf(network));
  const rows = await tx
    .select({ seq: networkObjects.seq })
    .from(networkObjects)
    .where(
      and(
        eq(networkObjects.network, network),
        eq(networkObjects.collection, "closings"),
        eq(networkObjects.author, by),
        sql`${networkObjects.document}->>'motion' = ${motion}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}
