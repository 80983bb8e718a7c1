// Anti-entropy between the members of a network (ADR 0013 §4, ADR 0016): digests, id pages and signed
// documents, served only to a request signed with a current member's own key. Anything else — an
// unknown network, an unsigned request, a non-member, a suspended member — gets the same 404, so an
// outsider learns nothing about what a network holds.
import { type Context, Hono } from "hono";
import { kvStoreFor } from "../../db/kv-store.ts";
import type { Collection } from "../../domain/networks/objects.ts";
import { idOf } from "../../domain/networks/objects.ts";
import {
  collectionName,
  idPageQuery,
  networkKey,
  objectHex,
  objectsRequest,
  SYNC_LIMITS,
  type SyncedNetwork,
} from "../../domain/networks/sync.ts";
import { signedRequester } from "../../federation/networks/requester.ts";
import { readLimited } from "../../http/read-limited.ts";
import type { WebDeps } from "../deps.ts";
import { apiError, apiTranslator } from "../errors.ts";

const hidden = (c: Context) => apiError(c, 404, "not_found", apiTranslator(c)("errors.code.not_found"));
const invalid = (c: Context) => apiError(c, 400, "invalid", apiTranslator(c)("errors.code.invalid"));

export function networkSyncRoutes({ services, federation, networkSync }: WebDeps) {
  const app = new Hono();
  const keyStore = kvStoreFor(services.database);

  /** The network, when `request` is signed by one of its current members. */
  async function forMember(key: string, request: Request): Promise<SyncedNetwork | undefined> {
    if (!networkKey.safeParse(key).success) return undefined;
    const network = await networkSync.load(key);
    if (!network) return undefined;
    const ctx = federation.createContext(request, services);
    const loaders = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
    const actor = await signedRequester(request, loaders, keyStore);
    return actor !== undefined && network.isMember(actor) ? network : undefined;
  }

  app.get("/networks/:key/sync", async (c) => {
    const network = await forMember(c.req.param("key"), c.req.raw);
    if (!network) return hidden(c);
    return c.json({ ...network.replica.summary(), founding: network.founding });
  });

  app.get("/networks/:key/sync/:collection", async (c) => {
    const network = await forMember(c.req.param("key"), c.req.raw);
    if (!network) return hidden(c);
    const collection = collectionName.safeParse(c.req.param("collection"));
    if (!collection.success) return invalid(c);
    const name = collection.data as Collection;
    return c.json({ collection: name, buckets: network.replica.bucketDigests(name) });
  });

  app.get("/networks/:key/sync/:collection/ids", async (c) => {
    const network = await forMember(c.req.param("key"), c.req.raw);
    if (!network) return hidden(c);
    const collection = collectionName.safeParse(c.req.param("collection"));
    const query = idPageQuery.safeParse(c.req.query());
    if (!collection.success || !query.success) return invalid(c);
    const { buckets, after, limit } = query.data;
    return c.json(network.replica.idPage(collection.data as Collection, after ?? null, limit, buckets));
  });

  app.post("/networks/:key/sync/objects", async (c) => {
    // The body is read within its limit before anything else: verifying the signature reads it too.
    const body = await readLimited(c.req.raw, SYNC_LIMITS.objectsRequestBytes);
    if (body === "too_large") return apiError(c, 413, "too_large", apiTranslator(c)("errors.code.too_large"));
    const received = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body });
    const network = await forMember(c.req.param("key"), received);
    if (!network) return hidden(c);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      return invalid(c);
    }
    const request = objectsRequest.safeParse(parsed);
    if (!request.success) return invalid(c);
    const objects: unknown[] = [];
    let bytes = 0;
    let truncated = false;
    for (const signed of network.replica.objects([...new Set(request.data.ids)])) {
      const size = Buffer.byteLength(JSON.stringify(signed.proof));
      if (objects.length > 0 && bytes + size > SYNC_LIMITS.objectsAnswerBytes) {
        truncated = true;
        break;
      }
      objects.push(signed.proof);
      bytes += size;
    }
    return c.json({ objects, truncated });
  });

  app.get("/networks/:key/objects/:hex", async (c) => {
    const network = await forMember(c.req.param("key"), c.req.raw);
    if (!network) return hidden(c);
    const hex = objectHex.safeParse(c.req.param("hex"));
    if (!hex.success) return hidden(c);
    const id = `sha256:${hex.data}`;
    if (idOf(network.replica.genesis.object) === id) return c.json(network.founding);
    const [signed] = network.replica.objects([id]);
    return signed ? c.json(signed.proof as object) : hidden(c);
  });

  return app;
}
