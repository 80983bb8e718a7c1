import { z } from "zod";
import { listInquiries } from "../../domain/directory/inquiries.ts";
import { providersOfferCounts } from "../../domain/directory/provider-offers.ts";
import { directoryQuerySchema } from "../../domain/directory/search/index.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { directorySearch, SEARCH_FAILURE_STATUS } from "../directory-search.ts";
import { offerCountsSchema } from "./directory-offers.ts";
import { failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

export { directoryQuerySchema };

const reasonSchema = z.object({ filter: z.string(), value: z.string() });

export const directoryServiceSchema = z.object({
  kind: z.string(),
  name: z.string().nullable(),
  software: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  priceModel: z.string(),
  priceAmount: z.number().nullable(),
  priceCurrency: z.string().nullable(),
  pricePeriod: z.string().nullable(),
  availability: z.string(),
  supportLanguages: z.array(z.string()),
});

export const directoryResultSchema = z.object({
  actorUri: z.string(),
  handle: z.string().nullable(),
  name: z.string(),
  url: z.string().nullable(),
  local: z.boolean().describe("this instance's own provider"),
  member: z
    .boolean()
    .nullable()
    .describe("whether a network this instance is in lists the provider as a member; null while it is in none"),
  health: z
    .object({ status: z.enum(["up", "down", "unknown"]), verdictAt: z.string().nullable() })
    .nullable()
    .optional()
    .describe("a fellow member's health, as the members of this instance's networks report it (GET /api/v1/watch)"),
  stale: z.boolean().describe("not heard from for longer than DIRECTORY_STALE_AFTER"),
  closingAt: z.string().nullable().describe("the provider announced it closes at this instant"),
  closingSuccessor: z.string().nullable().describe("the actor that takes over from a closing provider"),
  movedTo: z.string().nullable().describe("the provider closed and moved here: send searchers to this actor"),
  unbacked: z
    .number()
    .int()
    .describe("claims of the profile whose re-confirm-by date has passed: no longer backed by their evidence"),
  summary: z.string(),
  languages: z.array(z.string()),
  valueTags: z.array(z.string()),
  country: z.string().nullable(),
  region: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  spareStorageGb: z.number().nullable(),
  spareAccounts: z.number().nullable(),
  lastSeenAt: z.string(),
  score: z.number(),
  services: z.array(directoryServiceSchema),
  offers: offerCountsSchema,
  explanation: z.object({ matches: z.array(reasonSchema), missing: z.array(reasonSchema) }),
});

const counts = z.record(z.string(), z.number().int());
export const directoryResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(directoryResultSchema),
  facets: z.object({
    kind: counts,
    value: counts,
    country: counts,
    jurisdiction: counts,
    language: counts,
    price: counts,
    open: counts,
    network: counts.describe("members of each network this instance is in, by the network's key"),
  }),
});

export const peerSchema = z.object({
  actorUri: z.string(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  state: z.enum(["pending", "accepted", "rejected"]),
  replicated: z.boolean(),
  lastSeenAt: z.string().nullable(),
});
export const addPeerSchema = z.object({
  target: z.string().trim().min(1).max(2048).describe("a handle (@provider@example.org) or an actor URL"),
});

export const inquirySchema = z.object({
  id: z.string(),
  peerActorUri: z.string().describe("the instance that relayed the inquiry"),
  senderName: z.string(),
  senderEmail: z.string(),
  organisation: z.string().nullable(),
  message: z.string(),
  needs: z.string().nullable(),
  language: z.string().nullable(),
  createdAt: z.string(),
});

const peerListSchema = z.object({ peers: z.array(peerSchema) });
const inquiryListSchema = z.object({ inquiries: z.array(inquirySchema) });
const peerQuery = z.object({ actor: z.url().max(2048).describe("the peer's actor URL") });

export function directoryApiRoutes(deps: WebDeps): RouteSpec[] {
  const { services, peers } = deps;
  const search = directorySearch(deps);
  return [
    defineRoute({
      method: "get",
      path: "/v1/directory",
      operationId: "searchDirectory",
      tag: "Directory",
      summary: "Search the network's providers (public, no token)",
      description:
        "Full-text search with filters, facet counts and explained results. Filters may repeat (`kind=email&kind=nextcloud`). A malformed, oversized or too costly query gets 400.",
      public: true,
      queryDoc: directoryQuerySchema,
      responses: { 200: { description: "One page of results with facets.", schema: directoryResponseSchema } },
      errors: [400],
      async handle(c) {
        const result = await search(c);
        if (!result.ok) return apiFailure(c, result.error, SEARCH_FAILURE_STATUS);
        const { answer } = result.value;
        const counts = await providersOfferCounts(services.database.db, answer.results, new Date());
        const none = { offers: 0, requests: 0 };
        return c.json({
          ...answer,
          results: answer.results.map((r) => ({ ...r, offers: counts.get(r.actorUri) ?? none })),
        });
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/peers",
      operationId: "listPeers",
      tag: "Directory",
      summary: "The peers this instance follows and replicates",
      responses: { 200: { description: "Every peer.", schema: peerListSchema } },
      handle: async (c) => c.json({ peers: await peers.list() }),
    }),
    defineRoute({
      method: "post",
      path: "/v1/peers",
      operationId: "addPeer",
      tag: "Directory",
      summary: "Add a peer by handle or actor URL: follow it and replicate its profile",
      body: addPeerSchema,
      responses: { 201: { description: "The peer was added (its follow may still be pending).", schema: peerSchema } },
      errors: [404],
      async handle(c, { body }) {
        const result = await peers.add(body.target);
        return result.ok ? c.json(result.value, 201) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "delete",
      path: "/v1/peers",
      operationId: "removePeer",
      tag: "Directory",
      summary: "Stop following a peer",
      query: peerQuery,
      responses: { 200: { description: "The peer was removed." } },
      errors: [404],
      async handle(c, { query }) {
        const result = await peers.remove(query.actor);
        return result.ok ? c.json(result.value) : failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/inquiries",
      operationId: "listInquiries",
      tag: "Directory",
      summary: "Inquiries movement groups sent to this provider",
      responses: { 200: { description: "The latest inquiries, newest first.", schema: inquiryListSchema } },
      async handle(c) {
        const rows = await listInquiries(services.database.db, { limit: 100 });
        return c.json({ inquiries: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) });
      },
    }),
  ];
}
