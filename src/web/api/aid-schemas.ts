// The JSON of mutual aid on the API: offers and requests, agreements with their periods, pending
// renewal and breach, and their zod schemas (the OpenAPI document is built from them).
import { z } from "zod";
import type { AgreementRow, ProposalRow } from "../../domain/aid/aid.ts";
import { PURPOSES, proposalInputSchema, RESOURCES } from "../../domain/aid/proposals.ts";

export const proposalBodySchema = z.object({
  network: z.string().trim().min(1).max(2048).meta({ description: "The network's key or id." }),
  ...proposalInputSchema.shape,
});

const quantityJson = z.object({ value: z.number(), unit: z.string() });

export const proposalSchema = z.object({
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
  withdrawn: z
    .string()
    .nullable()
    .meta({ description: "When its author withdrew it before its end; null while it stands." }),
});

export const agreementSchema = z.object({
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
  endsAt: z.string().meta({ description: "The end of the last period: `until`, or the last renewal's." }),
  periods: z
    .array(z.object({ from: z.string(), until: z.string(), signatures: z.record(z.string(), z.string()) }))
    .meta({ description: "The first period (the terms) and each accepted renewal, each signed by both parties." }),
  pendingRenewal: z
    .object({ by: z.string(), until: z.string() })
    .nullable()
    .meta({ description: "A renewal one party proposed and the other has not yet accepted or declined." }),
  breach: z
    .object({ by: z.string(), reason: z.string() })
    .nullable()
    .meta({ description: "Who declared the agreement breached, and why." }),
  sharedUpstream: z.array(z.enum(["datacenter", "asn", "provider"])).meta({
    description:
      "For failover and backup space: what both parties share upstream by their profiles (same datacenter, ASN or upstream provider); empty otherwise.",
  }),
});

/** The proposed agreement as answered to its proposer, with what it should know before relying on it. */
export const respondedSchema = agreementSchema.extend({
  warnings: z
    .array(z.string())
    .meta({ description: "Readable warnings, such as a shared upstream; the agreement is made." }),
});

export function proposalJson(row: ProposalRow) {
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
    withdrawn: row.withdrawnAt?.toISOString() ?? null,
  };
}

export function agreementJson(row: AgreementRow) {
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
    endsAt: a.periods[a.periods.length - 1]?.until ?? a.terms.until,
    periods: a.periods.map((p) => ({ from: p.from, until: p.until, signatures: { ...p.signatures } })),
    pendingRenewal: a.pendingRenewal ? { by: a.pendingRenewal.by, until: a.pendingRenewal.until } : null,
    breach: a.breach ? { ...a.breach } : null,
    sharedUpstream: [...(a.sharedUpstream ?? [])],
  };
}
