// Offers and requests as FEP-0837 `Proposal`s (ValueFlows terms): the proposal's `purpose` is "offer"
// or "request", and it `publishes` one `Intent` naming the resource (`resourceConformsTo`), the amount
// (`resourceQuantity`, and for an offer `availableQuantity`) with its unit, and its dates
// (`hasBeginning`, `hasEnd`). Mutual aid asks nothing back: there is no `reciprocal` Intent. Region and
// conditions travel as `location` (a Place) and our own term `conditions`.
import { z } from "zod";
import {
  type AidProposal,
  type Audience,
  instantSchema,
  parseProposal,
  type ProposalTerms,
  RESOURCES,
  type Resource,
} from "../../domain/aid/proposals.ts";
import { accept, type Outcome, refuse } from "../../domain/aid/failures.ts";
import { NAMESPACE } from "../vocab/context.ts";

export const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** The FEP-0837 terms, inline so that no peer fetches a context document. */
export const PROPOSAL_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  {
    vf: "https://w3id.org/valueflows/ont/vf#",
    om2: "http://www.ontology-of-units-of-measure.org/resource/om-2/",
    ch: NAMESPACE,
    Proposal: "vf:Proposal",
    Intent: "vf:Intent",
    purpose: "vf:purpose",
    publishes: "vf:publishes",
    reciprocal: "vf:reciprocal",
    unitBased: "vf:unitBased",
    action: "vf:action",
    provider: { "@id": "vf:provider", "@type": "@id" },
    receiver: { "@id": "vf:receiver", "@type": "@id" },
    resourceConformsTo: { "@id": "vf:resourceConformsTo", "@type": "@id" },
    resourceQuantity: "vf:resourceQuantity",
    availableQuantity: "vf:availableQuantity",
    hasBeginning: { "@id": "vf:hasBeginning", "@type": "xsd:dateTime" },
    hasEnd: { "@id": "vf:hasEnd", "@type": "xsd:dateTime" },
    hasUnit: "om2:hasUnit",
    hasNumericalValue: "om2:hasNumericalValue",
    conditions: "ch:aidConditions",
  },
] as const;

/** The IRI of a kind of help: `https://w3id.org/commonhost/ns#aid-storage`. */
export const resourceIri = (r: Resource): string => `${NAMESPACE}aid-${r}`;

const resourceOf = (iri: string): Resource => RESOURCES.find((r) => resourceIri(r) === iri) ?? "other";

/** Who sees a network-only proposal: the collections of the provider's networks (given by the caller). */
export type ProposalAddressing = { readonly network: readonly string[] };

/** The FEP-0837 Proposal of an offer or request. */
export function proposalDocument(p: AidProposal, addressing: ProposalAddressing): Record<string, unknown> {
  const amount = { hasUnit: p.quantity.unit, hasNumericalValue: String(p.quantity.value) };
  const to = p.audience === "public" ? [PUBLIC] : [...addressing.network];
  return {
    "@context": PROPOSAL_CONTEXT,
    type: "Proposal",
    id: p.id,
    attributedTo: p.author,
    published: p.published,
    purpose: p.purpose,
    name: `${p.resource}: ${p.quantity.value} ${p.quantity.unit}`,
    publishes: {
      type: "Intent",
      id: `${p.id}#primary`,
      action: "deliverService",
      ...(p.purpose === "offer" ? { provider: p.author } : { receiver: p.author }),
      resourceConformsTo: resourceIri(p.resource),
      resourceQuantity: amount,
      ...(p.purpose === "offer" ? { availableQuantity: amount } : {}),
      hasBeginning: p.from,
      ...(p.until ? { hasEnd: p.until } : {}),
    },
    unitBased: false,
    ...(p.region ? { location: { type: "Place", name: p.region } } : {}),
    ...(p.conditions ? { conditions: p.conditions } : {}),
    to,
  };
}

const uri = z.url({ protocol: /^https?$/ });
const one = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema).min(1)]).transform((v) => (Array.isArray(v) ? v[0] : v) as z.output<T>);
const numeric = z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number()]).transform(Number);
const amountSchema = z.looseObject({ hasUnit: z.string(), hasNumericalValue: numeric });

const addressees = z
  .union([z.string(), z.array(z.unknown())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** What we read of an incoming Proposal; other members are allowed and ignored. */
const incomingSchema = z.looseObject({
  type: z.literal("Proposal"),
  id: uri,
  attributedTo: one(uri),
  published: instantSchema,
  purpose: z.enum(["offer", "request"]),
  publishes: one(
    z.looseObject({
      type: z.literal("Intent"),
      resourceConformsTo: z.string(),
      resourceQuantity: amountSchema,
      hasBeginning: z.string(),
      hasEnd: z.string().optional(),
    }),
  ),
  location: z.looseObject({ name: z.string() }).optional(),
  conditions: z.string().optional(),
  to: addressees,
  cc: addressees,
});

/** An incoming Proposal as the domain's offer or request, checked by the same rules as an operator's. */
export function parseProposalDocument(json: unknown): Outcome<AidProposal> {
  const parsed = incomingSchema.safeParse(json);
  if (!parsed.success) return refuse("aid.proposal_document_invalid");
  const d = parsed.data;
  const audience: Audience = [...d.to, ...d.cc].includes(PUBLIC) ? "public" : "network";
  const terms = parseProposal({
    purpose: d.purpose,
    resource: resourceOf(d.publishes.resourceConformsTo),
    quantity: { value: d.publishes.resourceQuantity.hasNumericalValue, unit: d.publishes.resourceQuantity.hasUnit },
    from: d.publishes.hasBeginning,
    ...(d.publishes.hasEnd ? { until: d.publishes.hasEnd } : {}),
    ...(d.location ? { region: d.location.name } : {}),
    ...(d.conditions ? { conditions: d.conditions } : {}),
    audience,
  });
  if (!terms.ok) return terms;
  return accept({ ...(terms.value as ProposalTerms), id: d.id, author: d.attributedTo, published: d.published });
}

/** One line of the public Note: a key to translate (`aid.note.<x>`) and its variables. */
export type NotePart = { readonly key: string; readonly vars: Readonly<Record<string, string | number>> };

/**
 * The readable Note that announces a public offer or request to the wider fediverse, as parts for the
 * caller to translate; undefined for a network-only one, which never leaves the networks.
 */
export function publicNoteParts(p: AidProposal, url: string): NotePart[] | undefined {
  if (p.audience !== "public") return undefined;
  const parts: NotePart[] = [
    { key: `aid.note.${p.purpose}`, vars: { resource: p.resource, value: p.quantity.value, unit: p.quantity.unit } },
    p.until
      ? { key: "aid.note.between", vars: { from: p.from, until: p.until } }
      : { key: "aid.note.from", vars: { from: p.from } },
  ];
  if (p.region) parts.push({ key: "aid.note.region", vars: { region: p.region } });
  if (p.conditions) parts.push({ key: "aid.note.conditions", vars: { conditions: p.conditions } });
  parts.push({ key: "aid.note.link", vars: { url } });
  return parts;
}

/** The Note's plain text: each part translated, one per line. */
export const noteText = (parts: readonly NotePart[], translate: (key: string, vars: NotePart["vars"]) => string) =>
  parts.map((part) => translate(part.key, part.vars)).join("\n");
