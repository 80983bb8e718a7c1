// /api/v1/aid: offers and requests of mutual aid published to a network (ours and those received from
// fellow members), answering one with a proposed agreement, and the agreements this provider is a
// party to, which it accepts, rejects or ends.
import { z } from "zod";
import {
  actOnAgreement,
  type AgreementRow,
  agreements,
  listProposals,
  type OwnAction,
  type ProposalRow,
  publishProposal,
  respondToProposal,
} from "../../domain/aid/aid.ts";
import { PURPOSES, proposalInputSchema, quantitySchema, RESOURCES } from "../../domain/aid/proposals.ts";
import { findNetwork } from "../../domain/networks/networks.repository.ts";
import { agreementPorts, proposalPorts } from "../../federation/aid/ports.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Mutual aid";

const proposalBodySchema = z.object({
  network: z.string().trim().min(1).max(2048).meta({ description: "The network's key or id." }),
  ...proposalInputSchema.shape,
});

const quantityJson = z.object({ value: z.number(), unit: z.string() });

const proposalSchema = z.object({
  key: z.string(),
  id: z.string().meta({ description: "The Proposal's URI, on the publishing instance." }),
  network: z.string().meta({ description: "The network's id." }),
  author: z.string(),
  local: z.boolean().meta({ description: "Published by this instance (false: received from a fellow member)." }),
  purpose: z.enum(PURPOSES),
  resource: z.enum(RESOURCES),
  quantity: quantityJson,
  from: z.string(),
  until: z.string().nullable(),
  region: z.string().nullable(),
  conditions: z.string().nullable(),
  audience: z.enum(["network", "public"]),
  published: z.string(),
});

const agreementSchema = z.object({
  key: z.string(),
  id: z.string().meta({ description: "The digest of the terms (`sha256:<hex>`): the same on both sides." }),
  uri: z.string().meta({ description: "The Agreement document's URI, on the proposer's instance." }),
  state: z.enum(["proposed", "active", "rejected", "ended", "cancelled", "breached"]),
  proposal: z.string(),
  proposedBy: z.string(),
  provider: z.string().meta({ description: "The party that gives the help." }),
  receiver: z.string().meta({ description: "The party that uses it." }),
  resource: z.enum(RESOURCES),
  quantity: quantityJson,
  from: z.string(),
  until: z.string(),
  conditions: z.string().nullable(),
  message: z.string().nullable(),
  signatures: z
    .record(z.string(), z.string())
    .meta({ description: "Each party's signature of `id` (Ed25519, base58btc multibase), by actor." }),
});

function proposalJson(row: ProposalRow) {
  const p = row.proposal;
  return {
    key: row.key,
    id: row.id,
    network: row.network,
    author: row.author,
    local: row.local,
    purpose: p.purpose,
    resource: p.resource,
    quantity: p.quantity,
    from: p.from,
    until: p.until ?? null,
    region: p.region ?? null,
    conditions: p.conditions ?? null,
    audience: p.audience,
    published: p.published,
  };
}

function agreementJson(row: AgreementRow) {
  const a = row.agreement;
  return {
    key: row.key,
    id: a.id,
    uri: row.uri,
    state: a.state,
    proposal: a.terms.proposal,
    proposedBy: a.proposedBy,
    provider: a.terms.provider,
    receiver: a.terms.receiver,
    resource: a.terms.resource,
    quantity: a.terms.quantity,
    from: a.terms.from,
    until: a.terms.until,
    conditions: a.terms.conditions ?? null,
    message: a.message ?? null,
    signatures: { ...a.periods[0]?.signatures },
  };
}

const ACTIONS: Record<OwnAction, string> = {
  accept: "Accept a proposed agreement: this provider signs its terms and sends its signature to the other party.",
  reject: "Reject a proposed agreement; the other party is told.",
  end: "End an active agreement; the other party is told.",
};

export function aidApiRoutes({ services, federation, localActors }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const actionRoutes = (Object.keys(ACTIONS) as OwnAction[]).map((action) =>
    defineRoute({
      method: "post",
      path: `/v1/aid/agreements/:key/${action}`,
      operationId: `${action}AidAgreement`,
      tag: TAG,
      summary: ACTIONS[action],
      params: z.object({ key: z.string() }),
      responses: { 200: { description: "The agreement.", schema: agreementSchema } },
      errors: [403, 404, 409],
      async handle(c, { params, t }) {
        const ports = await agreementPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await actOnAgreement(db, params.key, action, ports);
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
      }),
      responses: {
        200: { description: "Newest first.", schema: z.object({ items: z.array(proposalSchema) }) },
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
          },
          new Date(),
        );
        return c.json({ items: rows.map(proposalJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/aid/proposals/:key/respond",
      operationId: "respondToAidProposal",
      tag: TAG,
      summary: "Answer a fellow member's offer or request with a proposed agreement",
      description:
        "The agreement is signed by this provider and sent to the proposal's author, who accepts or rejects it. Absent amounts and dates are the proposal's.",
      params: z.object({ key: z.string() }),
      body: z.object({
        quantity: quantitySchema.optional(),
        from: z.string().optional(),
        until: z.string().optional(),
        message: z.string().trim().min(1).max(2000),
      }),
      responses: { 201: { description: "The proposed agreement.", schema: agreementSchema } },
      errors: [403, 404, 409],
      async handle(c, { params, body, t }) {
        const ports = await agreementPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await respondToProposal(db, params.key, body, ports);
        if (!result.ok)
          return result.error.fields ? apiFailure(c, result.error, 422) : failureResponse(c, result.error);
        services.queue.wake();
        return c.json(agreementJson(result.value), 201);
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
