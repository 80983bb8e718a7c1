// /api/v1/aid: offers and requests of mutual aid published to a network (ours and those received from
// fellow members), answering one with a proposed agreement, and the agreements this provider is a
// party to, which it accepts, rejects, cancels, ends, declares breached or renews.
import { z } from "zod";
import {
  actOnAgreement,
  type ActionInput,
  agreements,
  listProposals,
  type OwnAction,
  publishProposal,
  respondToProposal,
  withdrawProposal,
} from "../../domain/aid/aid.ts";
import { wordsOf } from "../../domain/aid/aid.repository.ts";
import { PURPOSES, quantitySchema, RESOURCES } from "../../domain/aid/proposals.ts";
import { findNetwork } from "../../domain/networks/networks.repository.ts";
import { agreementPorts, proposalPorts } from "../../federation/aid/ports.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import {
  agreementJson,
  agreementSchema,
  proposalBodySchema,
  proposalJson,
  proposalSchema,
  respondedSchema,
} from "./aid-schemas.ts";
import { sharedUpstreamWarning } from "../aid-text.ts";
import { apiError, failureResponse } from "./errors.ts";
import { pageQuery } from "./schemas.ts";
import { searchWords } from "../../domain/query-string.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Mutual aid";

type ActionRoute = { path: string; summary: string; body?: z.ZodType<ActionInput> };

const ACTIONS: Record<OwnAction, ActionRoute> = {
  accept: {
    path: "accept",
    summary: "Accept a proposed agreement: this provider signs its terms and sends its signature to the other party.",
  },
  reject: { path: "reject", summary: "Reject a proposed agreement; the other party is told." },
  cancel: {
    path: "cancel",
    summary:
      "Cancel an agreement: its proposer withdraws it while it is proposed, or either party cancels it while it is active; the other party is told.",
  },
  end: { path: "end", summary: "End an active agreement; the other party is told." },
  breach: {
    path: "breach",
    summary: "Declare an active agreement breached by the other party, with a reason; the other party is told.",
    body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  },
  renew: {
    path: "renew",
    summary:
      "Propose to renew an active agreement up to a new end date: this provider signs the new period; the other party accepts it (renewal/accept) or declines it (renewal/decline).",
    body: z.object({
      until: z.iso.datetime({ offset: true }).meta({ description: "The new end, after the current one." }),
    }),
  },
  acceptRenewal: {
    path: "renewal/accept",
    summary: "Accept the renewal the other party proposed: this provider signs the new period, which both then hold.",
  },
  declineRenewal: { path: "renewal/decline", summary: "Decline the renewal the other party proposed." },
};

export function aidApiRoutes({ services, federation, localActors }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const actionRoutes = (Object.keys(ACTIONS) as OwnAction[]).map((action) =>
    defineRoute({
      method: "post",
      path: `/v1/aid/agreements/:key/${ACTIONS[action].path}`,
      operationId: `${action}AidAgreement`,
      tag: TAG,
      summary: ACTIONS[action].summary,
      params: z.object({ key: z.string() }),
      ...(ACTIONS[action].body ? { body: ACTIONS[action].body } : {}),
      responses: { 200: { description: "The agreement.", schema: agreementSchema } },
      errors: [403, 404, 409],
      async handle(c, { params, body, t }) {
        const ports = await agreementPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await actOnAgreement(db, params.key, action, ports, (body ?? {}) as ActionInput);
        if (!result.ok)
          return result.error.fields ? apiFailure(c, result.error, 422) : failureResponse(c, result.error);
        services.queue.wake();
        return c.json(agreementJson(result.value));
      },
    }),
  );
  return [
    defineRoute({
      method: "post",
      path: "/v1/aid/proposals",
      operationId: "publishAidProposal",
      tag: TAG,
      summary: "Publish an offer or request of mutual aid to a network",
      description:
        "Sends it, signed, to every current fellow member of the network (refused with 403 unless this provider is a current member). A `public` one also goes to followers as a readable note.",
      body: proposalBodySchema,
      responses: { 201: { description: "The offer or request.", schema: proposalSchema } },
      errors: [403, 404],
      async handle(c, { body, t }) {
        const ports = await proposalPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await publishProposal(db, body, ports);
        if (!result.ok)
          return result.error.fields
            ? apiFailure(c, result.error, result.error.code === "forbidden" ? 403 : 422)
            : failureResponse(c, result.error);
        services.queue.wake();
        return c.json(proposalJson(result.value), 201);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/aid/proposals",
      operationId: "listAidProposals",
      tag: TAG,
      summary: "Open offers and requests: this instance's own and those received from fellow members",
      query: z.object({
        network: z.string().optional().meta({ description: "A network's key or id." }),
        purpose: z.enum(PURPOSES).optional(),
        resource: z.enum(RESOURCES).optional(),
        region: z.string().optional(),
        q: searchWords
          .optional()
          .describe("Words each found, in any case, in the resource, region, conditions or author's address."),
        before: z
          .uuid({ message: "expected the `next` value of the previous page" })
          .optional()
          .describe("The `next` value of the previous page: returns the older ones after it."),
        limit: pageQuery.shape.limit,
      }),
      responses: {
        200: {
          description: "A page of them, newest first.",
          schema: z.object({
            items: z.array(proposalSchema),
            next: z.string().nullable().describe("Pass as `before` to get the next page; null on the last page."),
          }),
        },
      },
      async handle(c, { query }) {
        let network: string | undefined;
        if (query.network) network = (await findNetwork(db, query.network))?.id ?? query.network;
        const rows = await listProposals(
          db,
          {
            ...(network ? { network } : {}),
            ...(query.purpose ? { purpose: query.purpose } : {}),
            ...(query.resource ? { resource: query.resource } : {}),
            ...(query.region ? { region: query.region } : {}),
            ...(query.q ? { words: wordsOf(query.q) } : {}),
          },
          new Date(),
          // One more than asked: whether there is a next page.
          { limit: query.limit + 1, ...(query.before ? { before: query.before } : {}) },
        );
        const items = rows.slice(0, query.limit);
        const next = rows.length > query.limit ? (items.at(-1)?.key ?? null) : null;
        return c.json({ items: items.map(proposalJson), next });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/aid/proposals/:key/respond",
      operationId: "respondToAidProposal",
      tag: TAG,
      summary: "Answer a fellow member's offer or request with a proposed agreement",
      description:
        "The agreement is signed by this provider and sent to the proposal's author, who accepts or rejects it. Absent amounts and dates are the proposal's. For failover and backup space, partners that share an upstream (datacenter, ASN or upstream provider, by their profiles) are still allowed: the agreement lists what is shared in `sharedUpstream` and `warnings` says so.",
      params: z.object({ key: z.string() }),
      body: z.object({
        quantity: quantitySchema.optional(),
        from: z.string().optional(),
        until: z.string().optional(),
        message: z.string().trim().min(1).max(2000),
      }),
      responses: { 201: { description: "The proposed agreement.", schema: respondedSchema } },
      errors: [403, 404, 409],
      async handle(c, { params, body, t }) {
        const ports = await agreementPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await respondToProposal(db, params.key, body, ports);
        if (!result.ok)
          return result.error.fields ? apiFailure(c, result.error, 422) : failureResponse(c, result.error);
        services.queue.wake();
        const shared = result.value.agreement.sharedUpstream ?? [];
        const warnings = shared.length > 0 ? [sharedUpstreamWarning(t, shared)] : [];
        return c.json({ ...agreementJson(result.value), warnings }, 201);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/aid/proposals/:key/withdraw",
      operationId: "withdrawAidProposal",
      tag: TAG,
      summary: "Withdraw one of this provider's own offers or requests before its end",
      description:
        "It is no longer open, here and at every fellow member it was sent to, and can no longer be answered. Agreements already made from it are unaffected.",
      params: z.object({ key: z.string() }),
      responses: { 200: { description: "The withdrawn offer or request.", schema: proposalSchema } },
      errors: [404, 409],
      async handle(c, { params, t }) {
        const ports = await agreementPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await withdrawProposal(db, params.key, ports);
        if (!result.ok) return failureResponse(c, result.error);
        services.queue.wake();
        return c.json(proposalJson(result.value));
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/aid/agreements",
      operationId: "listAidAgreements",
      tag: TAG,
      summary: "The agreements this provider is a party to",
      responses: {
        200: { description: "Newest first.", schema: z.object({ items: z.array(agreementSchema) }) },
      },
      async handle(c) {
        return c.json({ items: (await agreements(db)).map(agreementJson) });
      },
    }),
    ...actionRoutes,
  ];
}
