// A working group's members, for the servers of its documents' authors: `GET /actors/{handle}/members`,
// answered to a request signed by a current member of the group only (anyone else, signed or not, gets
// the same 404 as an unknown group). An author's server asks it before serving a group document.
import { Hono } from "hono";
import { kvStoreFor } from "../../db/kv-store.ts";
import { groupMembers } from "../../domain/groups/groups.ts";
import { GROUP_HANDLE } from "../../domain/groups/rules.ts";
import { signedRequester } from "../../federation/networks/requester.ts";
import type { WebDeps } from "../deps.ts";

export function groupMembersRoutes({ services, federation, localActors }: WebDeps) {
  const app = new Hono();
  const keyStore = kvStoreFor(services.database);

  app.get("/actors/:identifier/members", async (c) => {
    c.header("Vary", "Signature");
    const handle = c.req.param("identifier");
    const members = GROUP_HANDLE.test(handle) ? await groupMembers(services.database.db, handle) : undefined;
    if (!members) return c.notFound();
    const ctx = federation.createContext(c.req.raw, services);
    const requester = await signedRequester(
      c.req.raw,
      { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader },
      keyStore,
    );
    if (requester === undefined || !members.includes(requester)) return c.notFound();
    const id = `${localActors.uri(handle).href}/members`;
    const collection = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id,
      type: "OrderedCollection",
      totalItems: members.length,
      orderedItems: members,
    };
    return c.body(JSON.stringify(collection), 200, {
      "Content-Type": "application/activity+json",
      "Cache-Control": "private, no-store",
    });
  });
  return app;
}
