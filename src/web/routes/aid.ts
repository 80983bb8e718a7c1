// /aid/proposals/{key}: a public offer or request of this provider as its signed FEP-0837 Proposal (the
// link of the public note to followers). Network-only ones, received ones and unknown keys answer 404.
// /aid/proposals: the collection of this provider's open public ones, which its actor names as
// `aidProposals` and directories read on refresh.
// /aid/agreements/{hex}: this party's copy of an agreement (ADR 0021), only to a request signed by the
// other party of that agreement; to anyone else, and unsigned, the same 404 as an unknown agreement.
import { Hono } from "hono";
import { kvStoreFor } from "../../db/kv-store.ts";
import { counterpartOf } from "../../domain/aid/agreements.ts";
import { findAgreement, findProposal, listOpenProposals } from "../../domain/aid/aid.repository.ts";
import { MAX_DIRECTORY_OFFERS } from "../../domain/directory/offers.ts";
import { PROPOSAL_CONTEXT } from "../../federation/aid/documents.ts";
import { agreementCopy } from "../../federation/aid/reconcile.ts";
import { proposalObject, proposalTombstone } from "../../federation/mappers/aid.ts";
import { signDocument } from "../../federation/networks/proof.ts";
import { signedRequester } from "../../federation/networks/requester.ts";
import { networksRuntime } from "../../federation/networks/runtime.ts";
import type { WebDeps } from "../deps.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{64}$/;
const notFound = { error: { code: "not_found", message: "Not found." } };

export function aidPublicRoutes({ services, federation, localActors }: WebDeps) {
  const app = new Hono();
  const keyStore = kvStoreFor(services.database);
  app.get("/aid/proposals", async (c) => {
    const self = await networksRuntime(services, federation, localActors).self();
    const rows = self ? await listOpenProposals(services.database.db, {}, new Date()) : [];
    const items = rows
      .filter((row) => row.local && row.proposal.audience === "public" && row.author === self?.actor)
      .slice(0, MAX_DIRECTORY_OFFERS)
      .map((row) => {
        const { "@context": _context, ...item } = proposalObject(row.proposal, row.network);
        return item;
      });
    const collection = {
      "@context": PROPOSAL_CONTEXT,
      id: new URL("/aid/proposals", services.config.origin).href,
      type: "OrderedCollection",
      totalItems: items.length,
      orderedItems: items,
    };
    return c.body(JSON.stringify(collection), 200, {
      "Content-Type": "application/activity+json",
      "Cache-Control": "public, max-age=60",
    });
  });

  app.get("/aid/proposals/:key", async (c) => {
    const key = c.req.param("key");
    const row = UUID.test(key) ? await findProposal(services.database.db, key) : undefined;
    const self = await networksRuntime(services, federation, localActors).self();
    if (!row?.local || row.proposal.audience !== "public" || !self || row.author !== self.actor)
      return c.json(notFound, 404);
    // A withdrawn one is gone: its Tombstone, as the Delete that told the members carried.
    if (row.withdrawnAt)
      return c.body(JSON.stringify(proposalTombstone(row.id, row.withdrawnAt)), 410, {
        "Content-Type": "application/activity+json",
      });
    const signed = await signDocument(proposalObject(row.proposal, row.network), self.signer);
    return c.body(JSON.stringify(signed), 200, {
      "Content-Type": "application/activity+json",
      "Cache-Control": "public, max-age=60",
    });
  });

  app.get("/aid/agreements/:hex", async (c) => {
    c.header("Vary", "Signature");
    const hex = c.req.param("hex");
    const row = HEX.test(hex) ? await findAgreement(services.database.db, `sha256:${hex}`) : undefined;
    const self = await networksRuntime(services, federation, localActors).self();
    if (!row || !self) return c.json(notFound, 404);
    const ctx = federation.createContext(c.req.raw, services);
    const requester = await signedRequester(
      c.req.raw,
      { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader },
      keyStore,
    );
    if (requester === undefined || requester !== counterpartOf(row.agreement, self.actor)) return c.json(notFound, 404);
    const signed = await signDocument(agreementCopy(row.agreement, row.uri, self.actor), self.signer);
    return c.body(JSON.stringify(signed), 200, {
      "Content-Type": "application/activity+json",
      "Cache-Control": "private, no-store",
    });
  });
  return app;
}
