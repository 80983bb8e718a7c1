// One member's copy of a network: the signed inputs it holds, when it received each ballot (by its own
// clock, for its closings), and the anti-entropy views of them (a digest per collection, ids in pages).
// Pure and in memory; the database layer persists the same rows and the simulation runs 100 of these.
import { sha256 } from "./canonical.ts";
import { type NetworkFailure, refuse, type Outcome, accept } from "./failures.ts";
import type { Ballot, Closing, Collection, Genesis, Leave, Motion, NetworkObject } from "./objects.ts";
import { authorOf, COLLECTIONS, collectionOf, idOf, timeOf, wellFormed } from "./objects.ts";
import { foldRecord, type Identified, type NetworkRecord } from "./record.ts";
import { windowMs } from "./charter.ts";

/** A network object with the proof that carries it between members (opaque here). */
export type Signed<T extends NetworkObject = NetworkObject> = { readonly object: T; readonly proof: unknown };

/** Returns the actor whose key made the proof over exactly this object, or undefined. */
export type Verifier = (signed: Signed) => string | undefined;

export type Summary = { readonly network: string; readonly digests: Readonly<Record<Collection, string>> };
export type IdPage = { readonly ids: readonly string[]; readonly next: string | null };

type Entry = Identified<NetworkObject> & { readonly signed: Signed };

export class NetworkReplica {
  readonly network: string;
  readonly genesis: Signed<Genesis>;
  private readonly store: Record<Collection, Map<string, Entry>> = {
    motions: new Map(),
    ballots: new Map(),
    closings: new Map(),
    leaves: new Map(),
  };
  private readonly receivedAt = new Map<string, number>();
  private readonly sortedIds = new Map<Collection, string[]>();
  private readonly digests = new Map<Collection, string>();
  private cached: { key: string; record: NetworkRecord } | undefined;
  private version = 0;

  constructor(genesis: Signed<Genesis>) {
    this.network = genesis.object.network;
    this.genesis = genesis;
  }

  /** Stores a verified object. `duplicate` and refusals change nothing. */
  add(signed: Signed, verify: Verifier, now: number): Outcome<"added" | "duplicate"> {
    const o = signed.object;
    if (!wellFormed(o) || o.type === "Genesis") return refuse("network.motion_invalid");
    if (o.network !== this.network) return refuse("network.wrong_network");
    const id = idOf(o);
    const collection = collectionOf(o);
    if (this.store[collection].has(id)) return accept("duplicate");
    if (verify(signed) !== authorOf(o)) return refuse("network.signature_invalid");
    this.store[collection].set(id, { id, object: o, signed });
    if (o.type === "Ballot" || o.type === "Motion") this.receivedAt.set(id, now);
    this.sortedIds.delete(collection);
    this.digests.delete(collection);
    this.version += 1;
    return accept("added");
  }

  has(id: string): boolean {
    return COLLECTIONS.some((c) => this.store[c].has(id));
  }

  get size(): number {
    return COLLECTIONS.reduce((n, c) => n + this.store[c].size, 0);
  }

  /** When this member received an object (its own clock), if it did. */
  received(id: string): number | undefined {
    return this.receivedAt.get(id);
  }

  motions(): Identified<Motion>[] {
    return [...this.store.motions.values()] as Identified<Motion>[];
  }

  ballotsOf(motion: string): Identified<Ballot>[] {
    return ([...this.store.ballots.values()] as Identified<Ballot>[]).filter((b) => b.object.motion === motion);
  }

  /** The record as of `now`, folded again only when something was added or time moved. */
  record(now: number, settleMs: number): NetworkRecord {
    const key = `${this.version}:${now}:${settleMs}`;
    if (this.cached?.key === key) return this.cached.record;
    const record = foldRecord(
      {
        genesis: this.genesis.object,
        motions: this.store.motions.values() as Iterable<Identified<Motion>>,
        ballots: this.store.ballots.values() as Iterable<Identified<Ballot>>,
        closings: this.store.closings.values() as Iterable<Identified<Closing>>,
        leaves: this.store.leaves.values() as Iterable<Identified<Leave>>,
      },
      now,
      settleMs,
    );
    this.cached = { key, record };
    return record;
  }

  /**
   * The closings this member owes at `now`: for every motion it held before the motion's close, once the
   * close has passed by its clock, the ballots it had received before the close. `closed` is what it has
   * already issued; `record` gives the charter versions (for the windows).
   */
  dueClosings(self: string, now: number, record: NetworkRecord, closed: ReadonlySet<string>): Closing[] {
    const due: Closing[] = [];
    for (const { id, object: m } of this.motions()) {
      if (closed.has(id)) continue;
      const charter = record.charters[m.charter - 1];
      if (!charter) continue;
      const closesAt = timeOf(m.published) + windowMs(charter, m.kind);
      if (now < closesAt) continue;
      const heldAt = this.receivedAt.get(id);
      if (heldAt === undefined || heldAt >= closesAt) continue;
      const ballots = this.ballotsOf(id)
        .filter((b) => (this.receivedAt.get(b.id) ?? Number.POSITIVE_INFINITY) < closesAt)
        .map((b) => b.id)
        .sort();
      due.push({
        type: "Closing",
        network: this.network,
        motion: id,
        by: self,
        ballots,
        published: new Date(Math.max(now, closesAt)).toISOString(),
      });
    }
    return due;
  }

  // Anti-entropy: a digest of the ids per collection; what differs is listed in pages and fetched.

  summary(): Summary {
    const digests = {} as Record<Collection, string>;
    for (const c of COLLECTIONS) digests[c] = this.digestOf(c);
    return { network: this.network, digests };
  }

  digestOf(collection: Collection): string {
    let d = this.digests.get(collection);
    if (d === undefined) {
      d = sha256(this.ids(collection).join("\n"));
      this.digests.set(collection, d);
    }
    return d;
  }

  /** Ids after `after` (exclusive), sorted, at most `limit`. */
  idPage(collection: Collection, after: string | null, limit: number): IdPage {
    const ids = this.ids(collection);
    let start = 0;
    if (after !== null) {
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ids[mid]! <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page = ids.slice(start, start + limit);
    return { ids: page, next: start + limit < ids.length ? page[page.length - 1]! : null };
  }

  /** The signed objects with these ids that this member holds. */
  objects(ids: readonly string[]): Signed[] {
    const out: Signed[] = [];
    for (const id of ids) {
      for (const c of COLLECTIONS) {
        const e = this.store[c].get(id);
        if (e) {
          out.push(e.signed);
          break;
        }
      }
    }
    return out;
  }

  private ids(collection: Collection): string[] {
    let ids = this.sortedIds.get(collection);
    if (!ids) {
      ids = [...this.store[collection].keys()].sort();
      this.sortedIds.set(collection, ids);
    }
    return ids;
  }
}

/** Which collections differ between two summaries. */
export function differing(mine: Summary, theirs: Summary): Collection[] {
  return COLLECTIONS.filter((c) => mine.digests[c] !== theirs.digests[c]);
}

export type { NetworkFailure };
