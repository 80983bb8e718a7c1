// GET /api/v1/directory/offers?actor=…: a directory provider's open public offers and requests of
// mutual aid, as the directory holds them (public, no token).
import { z } from "zod";
import { localReplicaSyncer } from "../../domain/directory/local-replica.ts";
import { providerOffers } from "../../domain/directory/provider-offers.ts";
import { findReplica } from "../../domain/directory/replica.repository.ts";
import type { WebDeps } from "../deps.ts";
import { apiError } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

export const directoryOfferSchema = z.object({
  id: z.string().describe("the Proposal's id, on the provider's instance"),
  purpose: z.enum(["offer", "request"]),
  resource: z.string(),
  quantity: z.object({ value: z.number(), unit: z.string() }),
  from: z.string(),
  until: z.string().nullable(),
  region: z.string().nullable(),
});

export const offerCountsSchema = z
  .object({ offers: z.number().int(), requests: z.number().int() })
  .describe("the provider's open public offers and requests of mutual aid");

const offersResponseSchema = z.object({ actorUri: z.string(), items: z.array(directoryOfferSchema) });
const providerQuery = z.object({ actor: z.url().max(2048).describe("the provider's actor URL") });

export function directoryOfferRoutes({ services }: WebDeps): RouteSpec[] {
  const { database, config } = services;
  const syncLocal = localReplicaSyncer(database.db, config.origin);
  return [
    defineRoute({
      method: "get",
      path: "/v1/directory/offers",
      operationId: "listDirectoryOffers",
      tag: "Directory",
      summary: "A provider's open public offers and requests of mutual aid (public, no token)",
      description:
        "Only what the provider published to everyone, read from its `aidProposals` collection at the last refresh (this instance's own: as held); expired ones are left out.",
      public: true,
      query: providerQuery,
      responses: { 200: { description: "The provider's open public proposals.", schema: offersResponseSchema } },
      errors: [404],
      async handle(c, { query, t }) {
        await syncLocal();
        const provider = await findReplica(database.db, query.actor);
        if (!provider) return apiError(c, 404, "not_found", t("errors.directory.unknownProvider"));
        const items = await providerOffers(database.db, provider, new Date());
        return c.json({ actorUri: provider.actorUri, items });
      },
    }),
  ];
}
