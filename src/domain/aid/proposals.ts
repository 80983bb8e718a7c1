// Offers and requests of mutual aid: what an operator publishes (what, how much, when, where, on what
// conditions, to whom). The operator's input is checked here with zod; a failure is an Outcome (failures.ts)
// with one field code per bad field (src/domain/validation.ts), never text.
import { z } from "zod";
import { fieldErrors } from "../validation.ts";
import { accept, type Outcome, refuse } from "./failures.ts";

export const RESOURCES = [
  "storage",
  "compute",
  "failover",
  "backup-space",
  "sysadmin-hours",
  "secondary-dns",
  "mail-relay",
  "other",
] as const;
export type Resource = (typeof RESOURCES)[number];

/** An offer gives help; a request asks for it (ValueFlows `purpose`). */
export const PURPOSES = ["offer", "request"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** "network": the members of the provider's networks only; "public": anyone, also as a readable Note. */
export const AUDIENCES = ["network", "public"] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Quantity = { readonly value: number; readonly unit: string };

/** What an offer or request says, as checked. Instants are ISO 8601 in UTC with milliseconds. */
export type ProposalTerms = {
  readonly purpose: Purpose;
  readonly resource: Resource;
  readonly quantity: Quantity;
  readonly from: string;
  readonly until?: string;
  readonly region?: string;
  readonly conditions?: string;
  readonly audience: Audience;
};

/** A published offer or request: its terms, who published it and when, under a stable id (a URI). */
export type AidProposal = ProposalTerms & {
  readonly id: string;
  readonly author: string;
  readonly published: string;
};

/** Units are short machine words ("GB", "vCPU", "hours"); the page writes them as they are. */
const unit = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N}/._ -]+$/u, { message: "unit_format" });

export const quantitySchema = z.strictObject({
  value: z.number().positive().max(1e12),
  unit,
});

/** An instant with an offset, given back in UTC so that both sides of an agreement write it alike. */
export const instantSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

/** The operator's input of an offer or request. */
export const proposalInputSchema = z
  .strictObject({
    purpose: z.enum(PURPOSES),
    resource: z.enum(RESOURCES),
    quantity: quantitySchema,
    from: instantSchema,
    until: instantSchema.optional(),
    region: optionalText(100),
    conditions: optionalText(2000),
    audience: z.enum(AUDIENCES).default("network"),
  })
  .check((ctx) => {
    const { from, until } = ctx.value;
    if (until !== undefined && Date.parse(until) <= Date.parse(from))
      ctx.issues.push({ code: "custom", input: until, path: ["until"], params: { code: "untilBeforeFrom" } });
  });

export type ProposalInput = z.input<typeof proposalInputSchema>;

/** Checks an operator's offer or request; on failure `aid.proposal_invalid` with the bad fields. */
export function parseProposal(input: unknown): Outcome<ProposalTerms> {
  const parsed = proposalInputSchema.safeParse(input);
  if (!parsed.success) return refuse("aid.proposal_invalid", { fields: fieldErrors(parsed.error) });
  return accept(withoutUndefined(parsed.data) as ProposalTerms);
}

/** Whether the proposal still stands at `now` (ms): not past its `until`. */
export const isOpen = (p: Pick<ProposalTerms, "until">, now: number): boolean =>
  p.until === undefined || Date.parse(p.until) > now;

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
