// What inbox handlers pass to getActor()/getObject(). On a personal inbox Fedify gives the handler a
// loader that signs its requests as our actor and, deliberately, caches nothing: every activity would
// fetch its sender again, though verifying the signature has just fetched and cached the same
// document. Here the remote-document cache is consulted first, and what the signed loader fetches is
// kept there (the instance has one actor, so a document fetched as it is the same for every request).
import type { Context } from "@fedify/fedify";
import { kvStoreFor } from "../../db/kv-store.ts";
import type { Runtime } from "../../runtime.ts";

type DocumentLoader = Context<Runtime>["documentLoader"];
type RemoteDocument = Awaited<ReturnType<DocumentLoader>>;

const PREFIX = ["_fedify", "remoteDocument"] as const;
const TTL = Temporal.Duration.from({ minutes: 5 });

export function lookupOptions(ctx: Context<Runtime>): {
  documentLoader: DocumentLoader;
  contextLoader: DocumentLoader;
} {
  const kv = kvStoreFor(ctx.data.database);
  const loader = ctx.documentLoader;
  return {
    contextLoader: ctx.contextLoader,
    async documentLoader(url, options) {
      const cached = await kv.get<RemoteDocument>([...PREFIX, url]);
      if (cached) return cached;
      const fetched = await loader(url, options);
      await kv.set([...PREFIX, url], fetched, { ttl: TTL });
      return fetched;
    },
  };
}
