// One member's copy of a network: the signed inputs it holds, when it received each ballot (by its own
// clock, for its closings), and the anti-entropy views of them (a digest per collection, ids in pages).
// Pure and in memory; the database layer persists the same rows and the simulation runs 100 of these.
import { sha256 } from "./canonical.ts";
import { type NetworkFailure, refuse, type Outcome, accept } from "./failures.ts";
import type { Ballot, Closing, Collection, Genesis, Leave, Motion, NetworkObject } from "./objects.ts";
import { authorOf, COLLECTIONS, collectionOf, idOf, timeOf, wellFormed } from "./objects.ts";
import { foldRecord, type Identified, indexClosing, type NetworkRecord } from "./record.ts";
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
  private readonly digests = new Map<Collection, SetDigest>(COLLECTIONS.map((c) => [c, new SetDigest()]));
  private readonly witnessIndex = {
    witnessed: new Map<string, Map<string, Set<string>>>(),
    closers: new Map<string, Set<string>>(),
  };
  private cached: { key: string; record: NetworkRecord } | undefined;
  private version = 0;

  constructor(genesis: Signed<Genesis>) {
    this.network = genesis.object.network;
    this.genesis = genesis;
  }

  /** Stores a verified object. `duplicate` and refusals change nothing. */
  add(signed: Signed, verify: Verifier, now: number): Outcome<"added" | "duplicate"> {
    const o = signed.object;
    if (!wellFormed(o) || o.type === "Genesis") return refuse("network.object_invalid");
    if (o.network !== this.network) return refuse("network.wrong_network");
    const id = idOf(o);
    const collection = collectionOf(o);
    if (this.store[collection].has(id)) return accept("duplicate");
    if (verify(signed) !== authorOf(o)) return refuse("network.signature_invalid");
    this.store[collection].set(id, { id, object: o, signed });
    if (o.type === "Ballot" || o.type === "Motion") this.receivedAt.set(id, now);
    if (o.type === "Closing") indexClosing(this.witnessIndex, o);
    this.digests.get(collection)!.add(id);
    this.version += 1;
    return accept("added");
  }

  has(id: string): boolean {
    for (const c of COLLECTIONS) if (this.store[c].has(id)) return true;
    return false;
  }

  /** Grows each time an object is added. */
  get changes(): number {
    return this.version;
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
        witnessIndex: this.witnessIndex,
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
    return this.digests.get(collection)!.digest();
  }

  /**
   * The digests of a collection's sixteen buckets (ids grouped by the first hex digit of their hash), so
   * that a difference is narrowed to the buckets that hold it before any id is listed.
   */
  bucketDigests(collection: Collection): string[] {
    return this.digests.get(collection)!.buckets();
  }

  /** Ids of some buckets (or of the whole collection) after `after` (exclusive), sorted, at most `limit`. */
  idPage(collection: Collection, after: string | null, limit: number, buckets?: readonly string[]): IdPage {
    const ids = this.digests.get(collection)!.ids(buckets);
    let start = 0;
    if (after !== null) start = insertionPoint(ids, after, true);
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
}

/** Where `id` goes in a sorted list (after an equal id when `after`). */
function insertionPoint(ids: readonly string[], id: string, after = false): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < id || (after && ids[mid] === id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const BUCKETS = [..."0123456789abcdef"];

/**
 * A digest of a set of ids kept up to date as ids are added: ids are grouped by the first two hex digits
 * of their hash; a group's digest is the sha256 of its sorted ids (one per line), a bucket's (first digit)
 * the sha256 of its sixteen groups' digests, the set's the sha256 of its sixteen buckets' digests. Adding
 * an id re-hashes one small group, one bucket and the top, not the whole set.
 */
class SetDigest {
  private readonly groups = new Map<string, string[]>();
  private readonly groupDigests = new Map<string, string>();
  private readonly bucketCache = new Map<string, string>();
  private top: string | undefined;

  add(id: string) {
    const g = id.slice(7, 9);
    const list = this.groups.get(g) ?? [];
    list.splice(insertionPoint(list, id), 0, id);
    this.groups.set(g, list);
    this.groupDigests.delete(g);
    this.bucketCache.delete(g.charAt(0));
    this.top = undefined;
  }

  private group(g: string): string {
    let d = this.groupDigests.get(g);
    if (d === undefined) {
      d = sha256((this.groups.get(g) ?? []).join("\n"));
      this.groupDigests.set(g, d);
    }
    return d;
  }

  private bucket(b: string): string {
    let d = this.bucketCache.get(b);
    if (d === undefined) {
      d = sha256(BUCKETS.map((x) => this.group(b + x)).join("\n"));
      this.bucketCache.set(b, d);
    }
    return d;
  }

  buckets(): string[] {
    return BUCKETS.map((b) => this.bucket(b));
  }

  digest(): string {
    this.top ??= sha256(this.buckets().join("\n"));
    return this.top;
  }

  /** The sorted ids of some buckets, or of the whole set. */
  ids(buckets?: readonly string[]): string[] {
    const out: string[] = [];
    for (const b of BUCKETS.filter((x) => buckets === undefined || buckets.includes(x)))
      for (const x of BUCKETS) for (const id of this.groups.get(b + x) ?? []) out.push(id);
    return out;
  }
}
/** An id's bucket: the first hex digit of its hash (ids are `sha256:<hex>`). */
export const bucketOf = (id: string): string => id.charAt(7);

/** Which buckets differ between two lists of bucket digests. */
export function differingBuckets(mine: readonly string[], theirs: readonly string[]): string[] {
  return BUCKETS.filter((_b, i) => mine[i] !== theirs[i]);
}

/** Which collections differ between two summaries. */
export function differing(mine: Summary, theirs: Summary): Collection[] {
  return COLLECTIONS.filter((c) => mine.digests[c] !== theirs.digests[c]);
}

export type { NetworkFailure };
