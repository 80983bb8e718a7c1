// One anti-entropy round with one peer (ADR 0013 §4): compare the four collection digests (one request
// when in sync); for a collection that differs, compare its sixteen bucket digests; list the ids of the
// differing buckets in pages; fetch what this member lacks, at most 200 documents a request. Every
// fetched document goes to `receive`, which verifies it like a delivered one before storing it.
import type { Collection } from "../../domain/networks/objects.ts";
import { COLLECTIONS } from "../../domain/networks/objects.ts";
import { differingBuckets, type NetworkReplica } from "../../domain/networks/replica.ts";
import {
  bucketsAnswer,
  idOfDocument,
  idPageAnswer,
  objectsAnswer,
  SYNC_LIMITS,
  summaryAnswer,
} from "../../domain/networks/sync.ts";

type Json = Record<string, unknown>;

/** Id pages read per collection in one round, at most (two million ids); the next round goes on. */
const MAX_PAGES = 1000;

export type SyncExchange = {
  /** The peer's origin. */
  readonly peer: URL;
  /** The network's key (the last segment of its id). */
  readonly key: string;
  /** What this member holds. */
  readonly replica: NetworkReplica;
  /** A signed GET (signed-http.ts getSigned, bound to this member's key). */
  readonly get: (url: URL) => Promise<unknown>;
  /** A signed POST (signed-http.ts postSigned, bound to this member's key). */
  readonly post: (url: URL, body: object) => Promise<unknown>;
  /** Verifies and stores one fetched document (it may refuse it). */
  readonly receive: (document: Json) => Promise<unknown>;
};

export type SyncRound = {
  /** Requests made to the peer. */
  readonly requests: number;
  /** Documents received and handed to `receive`. */
  readonly fetched: number;
  /** The collections whose digests differed. */
  readonly differing: readonly Collection[];
};

/** The peer's answers do not have the shape of the protocol. */
export class SyncAnswerError extends Error {
  constructor(url: URL, what: string) {
    super(`${url.href}: ${what}`);
    this.name = "SyncAnswerError";
  }
}

function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  url: URL,
  v: unknown,
): T {
  const result = schema.safeParse(v);
  if (!result.success) throw new SyncAnswerError(url, "the answer is not what the sync protocol answers");
  return result.data;
}

/** Runs one round with `peer`; what it lacks ends in `receive`. */
export async function syncWith(exchange: SyncExchange): Promise<SyncRound> {
  const { peer, key, replica } = exchange;
  let requests = 0;
  const at = (path: string) => new URL(`/networks/${key}/${path}`, peer);
  const get = async (url: URL) => {
    requests++;
    return exchange.get(url);
  };

  const summaryUrl = at("sync");
  const summary = parsed(summaryAnswer, summaryUrl, await get(summaryUrl));
  if (summary.network !== replica.network) throw new SyncAnswerError(summaryUrl, "the answer is about another network");
  const mine = replica.summary();
  const differing = COLLECTIONS.filter((c) => summary.digests[c] !== mine.digests[c]);

  const missing: string[] = [];
  for (const collection of differing) {
    const bucketsUrl = at(`sync/${collection}`);
    const theirs = parsed(bucketsAnswer, bucketsUrl, await get(bucketsUrl));
    const buckets = differingBuckets(replica.bucketDigests(collection), theirs.buckets);
    if (buckets.length === 0) continue;
    let after: string | null = null;
    let pages = 0;
    do {
      const page = at(`sync/${collection}/ids`);
      // All sixteen buckets differing is the whole collection: no need to name them.
      if (buckets.length < 16) page.searchParams.set("buckets", buckets.join(","));
      if (after !== null) page.searchParams.set("after", after);
      page.searchParams.set("limit", String(SYNC_LIMITS.idPage));
      const answer = parsed(idPageAnswer, page, await get(page));
      for (const id of answer.ids) if (!replica.has(id)) missing.push(id);
      // A page must move forward, and a round ends: a peer cannot keep this member asking forever.
      if (answer.next !== null && after !== null && answer.next <= after) break;
      if (++pages >= MAX_PAGES) break;
      after = answer.next;
    } while (after !== null);
  }

  const fetched = await fetchObjects(exchange, at("sync/objects"), [...new Set(missing)], () => requests++);
  return { requests, fetched, differing };
}

/** Fetches documents by id in requests of at most 200, asking again for what a truncated answer held back. */
async function fetchObjects(exchange: SyncExchange, url: URL, ids: string[], count: () => void): Promise<number> {
  let fetched = 0;
  for (let start = 0; start < ids.length; start += SYNC_LIMITS.objectsPerRequest) {
    const wanted = new Set(ids.slice(start, start + SYNC_LIMITS.objectsPerRequest));
    while (wanted.size > 0) {
      count();
      const answer = parsed(objectsAnswer, url, await exchange.post(url, { ids: [...wanted] }));
      let got = 0;
      for (const document of answer.objects) {
        const id = idOfDocument(document);
        // Only what was asked for, once: a peer cannot push other documents through a sync answer.
        if (id === undefined || !wanted.has(id)) continue;
        wanted.delete(id);
        got++;
        await exchange.receive(document);
      }
      fetched += got;
      if (!answer.truncated || got === 0) break;
    }
  }
  return fetched;
}
