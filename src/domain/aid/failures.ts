// Expected failures of mutual aid, as values: a code, the variables its message needs, and the fields
// of what was sent that it concerns. As in the networks area, `toFailure` gives the house's Failure
// (src/domain/validation.ts), whose reason `aid.<x>` the edge translates as `errors.aid.<x>`.
import type { Failure, FailureCode, FieldError, Vars } from "../validation.ts";

export type AidFailureCode =
  /** An offer or request as an operator wrote it breaks a rule (see `fields`). */
  | "aid.proposal_invalid"
  /** A Proposal from a peer is not one we can read. */
  | "aid.proposal_document_invalid"
  /** An Agreement from a peer is not one we can read. */
  | "aid.agreement_document_invalid"
  /** An Agreement from a peer whose terms do not give the digest it claims. */
  | "aid.digest_mismatch"
  /** A proposed agreement or an action on one breaks a rule (see `fields`). */
  | "aid.agreement_invalid"
  /** Answering one's own offer or request, or accepting or rejecting one's own proposed agreement. */
  | "aid.own_proposal"
  /** An action on an agreement by someone who is not one of its two parties. */
  | "aid.not_party"
  /** An action the agreement's state does not allow (`vars`: state, action). */
  | "aid.transition_invalid"
  /** A signature that does not sign the digest it must sign. */
  | "aid.signature_invalid";

export type AidFailure = {
  readonly code: AidFailureCode;
  readonly vars?: Vars;
  readonly fields?: Readonly<Record<string, FieldError>>;
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: AidFailure };

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const refuse = (
  code: AidFailureCode,
  details: { vars?: Vars; fields?: Record<string, FieldError> } = {},
): Outcome<never> => ({
  ok: false,
  failure: {
    code,
    ...(details.vars ? { vars: details.vars } : {}),
    ...(details.fields ? { fields: details.fields } : {}),
  },
});

const kinds: Partial<Record<AidFailureCode, FailureCode>> = {
  "aid.own_proposal": "forbidden",
  "aid.not_party": "forbidden",
  "aid.signature_invalid": "forbidden",
  "aid.transition_invalid": "conflict",
};

/** The house's Failure for an aid failure: forbidden, conflict, or else invalid. */
export function toFailure(f: AidFailure): Failure {
  return {
    code: kinds[f.code] ?? "invalid",
    reason: f.code,
    ...(f.vars ? { vars: f.vars } : {}),
    ...(f.fields ? { fields: f.fields } : {}),
  };
}
