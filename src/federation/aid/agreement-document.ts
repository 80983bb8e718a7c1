// An agreement of mutual aid as an FEP-0837 `Agreement`: it `stipulates` one `Commitment` (the
// provider delivers the resource to the receiver, this much, between these dates) that `satisfies` the
// Intent of the offer or request it answers. Mutual aid asks nothing back: no `stipulatesReciprocal`.
// The terms' digest travels as `termsDigest`; a receiver rebuilds the terms from the document and
// checks that they give that digest, so both sides know they hold the same agreement.
import { z } from "zod";
import { type AgreementTerms, termsDigest } from "../../domain/aid/agreements.ts";
import { accept, type Outcome, refuse } from "../../domain/aid/failures.ts";
import { instantSchema, quantitySchema, RESOURCES, type Resource } from "../../domain/aid/proposals.ts";
import { PROPOSAL_CONTEXT, resourceIri } from "./documents.ts";

/** The Proposal context with the Agreement's terms added. */
export const AGREEMENT_CONTEXT = [
  PROPOSAL_CONTEXT[0],
  {
    ...PROPOSAL_CONTEXT[1],
    Agreement: "vf:Agreement",
    Commitment: "vf:Commitment",
    stipulates: "vf:stipulates",
    satisfies: { "@id": "vf:satisfies", "@type": "@id" },
    termsDigest: "ch:aidTermsDigest",
  },
] as const;

/** The Agreement document of the terms, under `id` (a URI of the instance that proposed it). */
export function agreementDocument(id: string, t: AgreementTerms, proposedBy: string): Record<string, unknown> {
  return {
    "@context": AGREEMENT_CONTEXT,
    type: "Agreement",
    id,
    attributedTo: proposedBy,
    published: t.proposed,
    stipulates: {
      type: "Commitment",
      id: `${id}#primary`,
      action: "deliverService",
      provider: t.provider,
      receiver: t.receiver,
      satisfies: `${t.proposal}#primary`,
      resourceConformsTo: resourceIri(t.resource),
      resourceQuantity: { hasUnit: t.quantity.unit, hasNumericalValue: String(t.quantity.value) },
      hasBeginning: t.from,
      hasEnd: t.until,
    },
    ...(t.conditions ? { conditions: t.conditions } : {}),
    termsDigest: termsDigest(t),
  };
}

const uri = z.url({ protocol: /^https?$/ });
const incomingSchema = z.looseObject({
  type: z.literal("Agreement"),
  id: uri,
  attributedTo: uri,
  published: instantSchema,
  stipulates: z.looseObject({
    type: z.literal("Commitment"),
    provider: uri,
    receiver: uri,
    satisfies: z.string().endsWith("#primary"),
    resourceConformsTo: z.string(),
    resourceQuantity: z.looseObject({
      hasUnit: z.string(),
      hasNumericalValue: z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number()]).transform(Number),
    }),
    hasBeginning: instantSchema,
    hasEnd: instantSchema,
  }),
  conditions: z.string().optional(),
  termsDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export type IncomingAgreement = {
  readonly id: string;
  readonly proposedBy: string;
  readonly terms: AgreementTerms;
  readonly digest: string;
};

/**
 * A peer's Agreement as terms, refused unless its terms give the digest it claims (a changed term, or
 * a peer that computes the digest otherwise, would leave the two sides holding different agreements).
 */
export function parseAgreementDocument(json: unknown): Outcome<IncomingAgreement> {
  const parsed = incomingSchema.safeParse(json);
  if (!parsed.success) return refuse("aid.agreement_document_invalid");
  const d = parsed.data;
  const c = d.stipulates;
  const quantity = quantitySchema.safeParse({
    value: c.resourceQuantity.hasNumericalValue,
    unit: c.resourceQuantity.hasUnit,
  });
  if (!quantity.success) return refuse("aid.agreement_document_invalid");
  const resource: Resource = RESOURCES.find((r) => resourceIri(r) === c.resourceConformsTo) ?? "other";
  const terms: AgreementTerms = {
    proposal: c.satisfies.slice(0, -"#primary".length),
    provider: c.provider,
    receiver: c.receiver,
    resource,
    quantity: quantity.data,
    from: c.hasBeginning,
    until: c.hasEnd,
    ...(d.conditions ? { conditions: d.conditions } : {}),
    proposed: d.published,
  };
  if (termsDigest(terms) !== d.termsDigest) return refuse("aid.digest_mismatch");
  return accept({ id: d.id, proposedBy: d.attributedTo, terms, digest: d.termsDigest });
}
