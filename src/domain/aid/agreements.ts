// Agreements of mutual aid: a counterpart answers an offer or request with a proposed agreement, the
// other side accepts or rejects it, and it lives through proposed → active → ended | cancelled | breached
// (or rejected), with renewals adding periods. Both sides apply the same signed actions to the same
// terms, so both hold the same agreement: its id is the digest of its canonical terms, and each party
// signs that digest (signatures are checked through a port: the domain does not know the keys).
import { digestOf } from "../networks/canonical.ts";
import { accept, type Outcome, refuse } from "./failures.ts";
import { type AidProposal, instantSchema, type Quantity, quantitySchema, type Resource } from "./proposals.ts";

/** What both parties sign. `provider` gives the help, `receiver` uses it. */
export type AgreementTerms = {
  /** The offer or request this agreement answers. */
  readonly proposal: string;
  readonly provider: string;
  readonly receiver: string;
  readonly resource: Resource;
  readonly quantity: Quantity;
  readonly from: string;
  readonly until: string;
  readonly conditions?: string;
  /** When the counterpart proposed it: two agreements on the same terms are still two. */
  readonly proposed: string;
};

export type AgreementState = "proposed" | "active" | "rejected" | "ended" | "cancelled" | "breached";

export type Period = {
  readonly from: string;
  readonly until: string;
  /** The first period's digest is the agreement's id; a renewal's covers the id, its index and its dates. */
  readonly digest: string;
  /** Each party's signature of `digest`, by actor. */
  readonly signatures: Readonly<Record<string, string>>;
};

export type Step = {
  readonly action: AgreementAction["type"] | "propose" | "expire";
  readonly by?: string;
  readonly at: string;
  /** A renewal's proposed end: what a decline answers. */
  readonly until?: string;
};

export type Agreement = {
  /** sha256 of the canonical terms: the same on both sides whoever computes it. */
  readonly id: string;
  readonly terms: AgreementTerms;
  readonly proposedBy: string;
  /** The counterpart's note with its proposal; not part of the terms. */
  readonly message?: string;
  readonly state: AgreementState;
  readonly periods: readonly Period[];
  readonly pendingRenewal?: {
    readonly by: string;
    readonly until: string;
    readonly digest: string;
    readonly signature: string;
  };
  readonly breach?: { readonly by: string; readonly reason: string };
  /** For failover and backup space: what both parties share upstream, by their profiles (not signed). */
  readonly sharedUpstream?: readonly ("datacenter" | "asn" | "provider")[];
  readonly history: readonly Step[];
};

export type AgreementAction =
  | { readonly type: "accept"; readonly by: string; readonly at: string; readonly signature: string }
  | { readonly type: "reject"; readonly by: string; readonly at: string }
  | { readonly type: "cancel"; readonly by: string; readonly at: string }
  | { readonly type: "end"; readonly by: string; readonly at: string }
  | { readonly type: "breach"; readonly by: string; readonly at: string; readonly reason: string }
  | {
      readonly type: "renew";
      readonly by: string;
      readonly at: string;
      readonly until: string;
      readonly signature: string;
    }
  | { readonly type: "acceptRenewal"; readonly by: string; readonly at: string; readonly signature: string }
  | { readonly type: "declineRenewal"; readonly by: string; readonly at: string };

/** The port through which signatures are checked: does `signature` by `actor` sign `digest`? */
export type VerifySignature = (actor: string, digest: string, signature: string) => boolean;

/** The terms as signed: instants in UTC, text trimmed, no absent members. */
export function canonicalTerms(t: AgreementTerms): AgreementTerms {
  const utc = (s: string) => new Date(s).toISOString();
  const conditions = t.conditions?.trim();
  return {
    proposal: t.proposal,
    provider: t.provider,
    receiver: t.receiver,
    resource: t.resource,
    quantity: { value: t.quantity.value, unit: t.quantity.unit.trim() },
    from: utc(t.from),
    until: utc(t.until),
    ...(conditions ? { conditions } : {}),
    proposed: utc(t.proposed),
  };
}

/** The agreement's id: the digest of its canonical terms (key order, offsets and spacing do not matter). */
export const termsDigest = (t: AgreementTerms): string => digestOf({ type: "AidAgreement", ...canonicalTerms(t) });

const renewalDigest = (id: string, index: number, from: string, until: string) =>
  digestOf({ type: "AidRenewal", agreement: id, index, from, until });

/** What each party signs to renew `a` up to `until`: the next period's digest. */
export const renewalDigestOf = (a: Agreement, until: string): string =>
  renewalDigest(a.id, a.periods.length, currentPeriod(a).until, new Date(until).toISOString());

export const partiesOf = (a: Agreement): readonly [string, string] => [a.terms.provider, a.terms.receiver];
const isParty = (a: Agreement, actor: string) => actor === a.terms.provider || actor === a.terms.receiver;
const otherParty = (a: Agreement, actor: string) => (actor === a.terms.provider ? a.terms.receiver : a.terms.provider);
export const currentPeriod = (a: Agreement): Period => a.periods[a.periods.length - 1] as Period;

/** What the counterpart sends in answer to an offer or request. */
export type AgreementAnswer = {
  readonly quantity: Quantity;
  readonly from: string;
  readonly until: string;
  readonly message?: string;
};

/**
 * A counterpart's proposed agreement in answer to `proposal`, signed by it. It may ask for less than
 * offered or requested, never more, within the proposal's dates, in its unit.
 */
export function proposeAgreement(p: {
  proposal: AidProposal;
  by: string;
  answer: AgreementAnswer;
  at: string;
  signature: string;
  verify: VerifySignature;
}): Outcome<Agreement> {
  const { proposal, by, answer } = p;
  if (by === proposal.author) return refuse("aid.own_proposal");
  const quantity = quantitySchema.safeParse(answer.quantity);
  const from = instantSchema.safeParse(answer.from);
  const until = instantSchema.safeParse(answer.until);
  const at = instantSchema.safeParse(p.at);
  if (!quantity.success) return refuse("aid.agreement_invalid", { fields: { quantity: { code: "invalid" } } });
  if (!from.success) return refuse("aid.agreement_invalid", { fields: { from: { code: "date" } } });
  if (!until.success) return refuse("aid.agreement_invalid", { fields: { until: { code: "date" } } });
  if (!at.success) return refuse("aid.agreement_invalid", { fields: { at: { code: "date" } } });
  if (quantity.data.unit !== proposal.quantity.unit)
    return refuse("aid.agreement_invalid", {
      fields: { "quantity.unit": { code: "unitMismatch", vars: { unit: proposal.quantity.unit } } },
    });
  if (quantity.data.value > proposal.quantity.value)
    return refuse("aid.agreement_invalid", {
      fields: { "quantity.value": { code: "tooBig", vars: { max: proposal.quantity.value } } },
    });
  if (Date.parse(until.data) <= Date.parse(from.data))
    return refuse("aid.agreement_invalid", { fields: { until: { code: "untilBeforeFrom" } } });
  if (Date.parse(from.data) < Date.parse(proposal.from))
    return refuse("aid.agreement_invalid", { fields: { from: { code: "outsideProposal" } } });
  if (proposal.until !== undefined && Date.parse(until.data) > Date.parse(proposal.until))
    return refuse("aid.agreement_invalid", { fields: { until: { code: "outsideProposal" } } });
  const terms = canonicalTerms({
    proposal: proposal.id,
    provider: proposal.purpose === "offer" ? proposal.author : by,
    receiver: proposal.purpose === "offer" ? by : proposal.author,
    resource: proposal.resource,
    quantity: quantity.data,
    from: from.data,
    until: until.data,
    ...(proposal.conditions ? { conditions: proposal.conditions } : {}),
    proposed: at.data,
  });
  const id = termsDigest(terms);
  if (!p.verify(by, id, p.signature)) return refuse("aid.signature_invalid");
  const message = answer.message?.trim().slice(0, 2000);
  return accept({
    id,
    terms,
    proposedBy: by,
    ...(message ? { message } : {}),
    state: "proposed",
    periods: [{ from: terms.from, until: terms.until, digest: id, signatures: { [by]: p.signature } }],
    history: [{ action: "propose", by, at: at.data }],
  });
}

/**
 * The same proposed agreement on the side that receives it: the terms as they arrived (read from the
 * peer's document), checked to be signed by their proposer, one of the two parties. Its id is the
 * digest of the terms, so both sides name it alike.
 */
export function receiveAgreement(p: {
  terms: AgreementTerms;
  proposedBy: string;
  signature: string;
  message?: string;
  verify: VerifySignature;
}): Outcome<Agreement> {
  const terms = canonicalTerms(p.terms);
  if (p.proposedBy !== terms.provider && p.proposedBy !== terms.receiver) return refuse("aid.not_party");
  if (terms.provider === terms.receiver) return refuse("aid.own_proposal");
  const id = termsDigest(terms);
  if (!p.verify(p.proposedBy, id, p.signature)) return refuse("aid.signature_invalid");
  const message = p.message?.trim().slice(0, 2000);
  return accept({
    id,
    terms,
    proposedBy: p.proposedBy,
    ...(message ? { message } : {}),
    state: "proposed",
    periods: [{ from: terms.from, until: terms.until, digest: id, signatures: { [p.proposedBy]: p.signature } }],
    history: [{ action: "propose", by: p.proposedBy, at: terms.proposed }],
  });
}

const notNow = (a: Agreement, action: AgreementAction) =>
  refuse("aid.transition_invalid", { vars: { state: a.state, action: action.type } });

/**
 * One party's action on an agreement. Only the party that did not propose accepts or rejects; only the
 * proposer withdraws (cancels) a proposal; either party cancels or ends an active agreement, declares a
 * breach (with a reason) or proposes a renewal, which the other party accepts or declines.
 */
export function applyAction(a: Agreement, action: AgreementAction, verify: VerifySignature): Outcome<Agreement> {
  if (!isParty(a, action.by)) return refuse("aid.not_party");
  const at = instantSchema.safeParse(action.at);
  if (!at.success) return refuse("aid.agreement_invalid", { fields: { at: { code: "date" } } });
  const step: Step = { action: action.type, by: action.by, at: at.data };
  const next = (changes: Partial<Agreement>): Outcome<Agreement> =>
    accept({ ...a, ...changes, history: [...a.history, step] });
  switch (action.type) {
    case "accept":
    case "reject": {
      if (a.state !== "proposed") return notNow(a, action);
      if (action.by === a.proposedBy) return refuse("aid.own_proposal");
      if (action.type === "reject") return next({ state: "rejected" });
      if (!verify(action.by, a.id, action.signature)) return refuse("aid.signature_invalid");
      const [first, ...rest] = a.periods as [Period, ...Period[]];
      return next({
        state: "active",
        periods: [{ ...first, signatures: { ...first.signatures, [action.by]: action.signature } }, ...rest],
      });
    }
    case "cancel":
      if (a.state === "proposed" && action.by !== a.proposedBy) return notNow(a, action);
      if (a.state !== "proposed" && a.state !== "active") return notNow(a, action);
      return next({ state: "cancelled", pendingRenewal: undefined });
    case "end":
      if (a.state !== "active") return notNow(a, action);
      return next({ state: "ended", pendingRenewal: undefined });
    case "breach": {
      if (a.state !== "active") return notNow(a, action);
      const reason = action.reason.trim().slice(0, 2000);
      if (!reason) return refuse("aid.agreement_invalid", { fields: { reason: { code: "required" } } });
      return next({ state: "breached", breach: { by: action.by, reason }, pendingRenewal: undefined });
    }
    case "renew": {
      if (a.state !== "active" || a.pendingRenewal) return notNow(a, action);
      const until = instantSchema.safeParse(action.until);
      const current = currentPeriod(a);
      if (!until.success || Date.parse(until.data) <= Date.parse(current.until))
        return refuse("aid.agreement_invalid", { fields: { until: { code: "renewalTooShort" } } });
      const digest = renewalDigest(a.id, a.periods.length, current.until, until.data);
      if (!verify(action.by, digest, action.signature)) return refuse("aid.signature_invalid");
      return accept({
        ...a,
        pendingRenewal: { by: action.by, until: until.data, digest, signature: action.signature },
        history: [...a.history, { ...step, until: until.data }],
      });
    }
    case "acceptRenewal":
    case "declineRenewal": {
      const pending = a.pendingRenewal;
      if (a.state !== "active" || !pending || action.by === pending.by) return notNow(a, action);
      if (action.type === "declineRenewal") return next({ pendingRenewal: undefined });
      if (!verify(action.by, pending.digest, action.signature)) return refuse("aid.signature_invalid");
      const period: Period = {
        from: currentPeriod(a).until,
        until: pending.until,
        digest: pending.digest,
        signatures: { [pending.by]: pending.signature, [action.by]: action.signature },
      };
      return next({ periods: [...a.periods, period], pendingRenewal: undefined });
    }
  }
}

/** An active agreement whose last period is over at `now` (ms) has ended by itself. */
export function settle(a: Agreement, now: number): Agreement {
  const until = currentPeriod(a).until;
  if (a.state !== "active" || Date.parse(until) > now) return a;
  return { ...a, state: "ended", pendingRenewal: undefined, history: [...a.history, { action: "expire", at: until }] };
}

/** Whether both parties signed every period of the agreement, as checked through `verify`. */
export function signedByBoth(a: Agreement, verify: VerifySignature): boolean {
  if (termsDigest(a.terms) !== a.id || a.periods[0]?.digest !== a.id) return false;
  return a.periods.every(
    (p, i) =>
      (i === 0 || p.digest === renewalDigest(a.id, i, a.periods[i - 1]?.until ?? "", p.until)) &&
      partiesOf(a).every((party) => {
        const s = p.signatures[party];
        return s !== undefined && verify(party, p.digest, s);
      }),
  );
}

/** The other party of an agreement, seen from `actor`. */
export const counterpartOf = (a: Agreement, actor: string): string => otherParty(a, actor);
