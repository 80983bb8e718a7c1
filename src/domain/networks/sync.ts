// Anti-entropy between members (ADR 0013 §4): what a member serves to the other members, and the
// shapes of its answers, shared by the routes that serve them and the client that reads them.
import { z } from "zod";
import { BUCKETS, type NetworkReplica } from "./replica.ts";
import { COLLECTIONS } from "./objects.ts";

/** A network as the sync routes serve it: this member's replica and who may read it. */
export type SyncedNetwork = {
  readonly replica: NetworkReplica;
  /** Whether the actor is a current member by the record (not suspended, expelled or gone). */
  isMember(actor: string): boolean;
  /** The signed founding document. */
  readonly founding: object;
};

/** The port the sync routes are built on: the network with this key, if this instance holds it. */
export type NetworkSyncPort = { load(key: string): Promise<SyncedNetwork | undefined> };

/** An instance that holds no network. */
export const noNetworks: NetworkSyncPort = { load: () => Promise.resolve(undefined) };

export const SYNC_LIMITS = {
  /** Ids in a page when the asker names no limit, and at most. */
  idPage: 1000,
  maxIdPage: 2000,
  /** Objects asked for in one request. */
  objectsPerRequest: 200,
  /** The body of an objects request (200 ids of 71 characters fit many times over). */
  objectsRequestBytes: 64 * 1024,
  /**
   * The documents of one answer, at most (past it the answer says `truncated`): under the 4 MiB a
   * signed-http client reads by default.
   */
  objectsAnswerBytes: 3 * 1024 * 1024,
} as const;

export const networkKey = z.string().regex(/^[0-9a-f]{20}$/);
export const objectHex = z.string().regex(/^[0-9a-f]{64}$/);
export const objectId = z.string().regex(/^sha256:[0-9a-f]{64}$/);
export const collectionName = z.enum(COLLECTIONS as [string, ...string[]]);
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/);

/** `?buckets=0,a&after=<id>&limit=<n>` of an id page. */
export const idPageQuery = z.strictObject({
  buckets: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : v.split(",")))
    .pipe(
      z
        .array(z.enum(BUCKETS as [string, ...string[]]))
        .min(1)
        .max(16)
        .optional(),
    ),
  after: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.maxIdPage).default(SYNC_LIMITS.idPage),
});

export const objectsRequest = z.strictObject({
  ids: z.array(objectId).min(1).max(SYNC_LIMITS.objectsPerRequest),
});

export const summaryAnswer = z.object({
  network: z.string(),
  digests: z.object({ motions: digest, ballots: digest, closings: digest, leaves: digest }),
  founding: z.record(z.string(), z.unknown()),
});

export const bucketsAnswer = z.object({ collection: collectionName, buckets: z.array(digest).length(16) });

export const idPageAnswer = z.object({
  ids: z.array(objectId).max(SYNC_LIMITS.maxIdPage),
  next: objectId.nullable(),
});

export const objectsAnswer = z.object({
  objects: z.array(z.record(z.string(), z.unknown())).max(SYNC_LIMITS.objectsPerRequest),
  /** Some asked-for documents held back to keep the answer small: ask again for the rest. */
  truncated: z.boolean(),
});

/** The engine id of a document (`…/objects/<hex>` → `sha256:<hex>`), or undefined. */
export function idOfDocument(document: Record<string, unknown>): string | undefined {
  const id = document.id;
  if (typeof id !== "string") return undefined;
  const hex = /\/objects\/([0-9a-f]{64})$/.exec(id)?.[1];
  return hex === undefined ? undefined : `sha256:${hex}`;
}
