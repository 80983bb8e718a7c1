// A network's engine objects as the JSON-LD documents members sign and exchange. A document is the
// engine object's fields as they are, plus `@context` and an `id` under the network
// (`<network>/objects/<hex of the object's digest>`); a departure travels as an ActivityStreams
// `Leave` and the founding as a `NetworkFounding`. Reading a document back checks every field (zod,
// then the engine's own `wellFormed`) and that its id is the digest of what it carries.
import { z } from "zod";
import type { NetworkDocument } from "../../db/schema/json.ts";
import { CHOICES, idOf, type NetworkObject, wellFormed } from "../../domain/networks/objects.ts";
import { MOTION_KINDS, parseCharter } from "../../domain/networks/charter.ts";
import { PROTOCOL_MIN_WINDOW_MS } from "../../domain/networks/record-model.ts";
import { NETWORK_DOCUMENT_CONTEXT } from "../vocab/context.ts";

/** The id of a network object's document: the network's id, `/objects/`, the hex of its digest. */
export const documentIdOf = (network: string, objectId: string): string =>
  `${network}/objects/${objectId.replace(/^sha256:/, "")}`;

/** A network's key is the last segment of its id; every member checks it. */
export const networkKeyOf = (network: string): string | undefined => {
  if (!URL.canParse(network)) return undefined;
  const match = /\/networks\/([0-9a-f]{20})$/.exec(new URL(network).pathname);
  return match && network.endsWith(match[0]) ? match[1] : undefined;
};

/** A motion's key: the first 20 hex digits of its digest. */
export const motionKeyOf = (motionId: string): string => motionId.slice(7, 27);

/** The unsigned document of an engine object. */
export function documentOf(object: NetworkObject): Record<string, unknown> {
  const base = { "@context": NETWORK_DOCUMENT_CONTEXT, id: documentIdOf(object.network, idOf(object)) };
  switch (object.type) {
    case "Genesis": {
      const { type: _type, ...rest } = object;
      return { ...base, type: "NetworkFounding", ...rest };
    }
    case "Leave":
      return { ...base, type: "Leave", actor: object.by, object: object.network, published: object.published };
    default:
      return { ...base, ...object };
  }
}

const uri = z.string().min(1).max(2048).refine(URL.canParse);
const instant = z.string().max(64);
const record = z.record(z.string().max(2000), z.unknown());
const answers = z.record(z.string().max(2000), z.string().max(20_000));

const shapes = {
  NetworkFounding: z.object({
    network: uri,
    name: z.string().max(200),
    founder: uri,
    charter: record,
    published: instant,
  }),
  Motion: z.object({
    network: uri,
    by: uri,
    kind: z.enum(MOTION_KINDS),
    subject: uri.optional(),
    text: z.string().max(50_000),
    charter: z.number().int().min(1),
    amendment: record.optional(),
    until: instant.optional(),
    answers: answers.optional(),
    published: instant,
  }),
  Ballot: z.object({
    network: uri,
    motion: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    by: uri,
    choice: z.enum(CHOICES),
    reason: z.string().max(5000).optional(),
    published: instant,
  }),
  Closing: z.object({
    network: uri,
    motion: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    by: uri,
    ballots: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/)).max(100_000),
    published: instant,
  }),
  Leave: z.object({ actor: uri, object: uri, published: instant }),
} as const;

/** The engine object a document carries, or undefined when it is not a well-formed network document. */
export function objectOf(document: NetworkDocument | unknown): NetworkObject | undefined {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return undefined;
  const doc = document as Record<string, unknown>;
  const type = doc.type;
  if (typeof type !== "string" || !Object.hasOwn(shapes, type)) return undefined;
  const parsed = shapes[type as keyof typeof shapes].safeParse(doc);
  if (!parsed.success) return undefined;
  const fields = parsed.data as Record<string, unknown>;
  const object: unknown =
    type === "Leave"
      ? { type: "Leave", network: fields.object, by: fields.actor, published: fields.published }
      : { type: type === "NetworkFounding" ? "Genesis" : type, ...withoutUndefined(fields) };
  if (!wellFormed(object) || networkKeyOf(object.network) === undefined) return undefined;
  // A founding whose charter the fold would refuse could never be folded: it is not a founding.
  if (object.type === "Genesis" && !parseCharter(object.charter, PROTOCOL_MIN_WINDOW_MS).ok) return undefined;
  return doc.id === documentIdOf(object.network, idOf(object)) ? object : undefined;
}

const withoutUndefined = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

/** Whether a JSON value looks like a network document (its type is one of ours), before any check. */
export const isNetworkDocumentType = (type: unknown): boolean =>
  type === "NetworkFounding" || type === "Motion" || type === "Ballot" || type === "Closing" || type === "Leave";
