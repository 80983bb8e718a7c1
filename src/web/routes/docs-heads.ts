// The provider's documents collection, for anti-entropy (ADR 0020): `GET /actors/{provider}/documents`,
// the ids and head revisions of the documents written here that the signed requester may read (public
// ones; a network's to its current members; a group's to the group's members). Unsigned, or signed by
// someone who may read none of them: the same 404 as an unknown actor.
import { Hono } from "hono";
import { kvStoreFor } from "../../db/kv-store.ts";
import { readableHeads } from "../../domain/docs/replicas.ts";
import { readerOf } from "../../federation/docs/fellowship.ts";
import { DOCS_CONTEXT } from "../../federation/docs/offers.ts";
import { signedRequester } from "../../federation/networks/requester.ts";
import { networksRuntime } from "../../federation/networks/runtime.ts";
import type { WebDeps } from "../deps.ts";

export function docsHeadsRoutes({ services, federation, localActors }: WebDeps) {
  const app = new Hono();
  const keyStore = kvStoreFor(services.database);

  app.get("/actors/:identifier/documents", async (c) => {
    c.header("Vary", "Signature");
    const identifier = c.req.param("identifier");
    if ((await localActors.providerIdentifier()) !== identifier) return c.notFound();
    const ctx = federation.createContext(c.req.raw, services);
    const requester = await signedRequester(
      c.req.raw,
      { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader },
      keyStore,
    );
    if (requester === undefined) return c.notFound();
    const rt = networksRuntime(services, federation, localActors);
    // One answer per network or group within this request: membership is asked once each.
    const asked = new Map<string, Promise<boolean>>();
    const heads = await readableHeads(services.database.db, (doc) => {
      const key = `${doc.audience} ${doc.network ?? doc.group ?? ""}`;
      if (!asked.has(key)) asked.set(key, readerOf(rt, doc, requester));
      return asked.get(key)!;
    });
    if (heads.length === 0) return c.notFound();
    const collection = {
      "@context": DOCS_CONTEXT,
      id: `${localActors.uri(identifier).href}/documents`,
      type: "OrderedCollection",
      totalItems: heads.length,
      orderedItems: heads,
    };
    return c.body(JSON.stringify(collection), 200, {
      "Content-Type": "application/activity+json",
      "Cache-Control": "private, no-store",
    });
  });
  return app;
}
