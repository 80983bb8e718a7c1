// Mutual aid arriving from peers: an offer or request is kept only from its author, a current fellow
// member of the network it names; a proposed agreement only from its proposer, one of its two parties,
// with this provider the other; a step on an agreement (accept, reject, cancel, end, breach, renewal)
// only from its other party. Anything else is
// refused and nothing is kept.
import type { Db } from "../../db/client.ts";
import type { AidDocument } from "../../db/schema/json.ts";
import { uuidv7 } from "../announcements/announcements.ts";
import { fail, ok, type Result } from "../validation.ts";
import {
  type Agreement,
  type AgreementAction,
  type AgreementTerms,
  applyAction,
  partiesOf,
  proposeAgreement,
  receiveAgreement,
  type VerifySignature,
} from "./agreements.ts";
import { findAgreement, findProposal, insertAgreement, insertProposal, updateAgreement } from "./aid.repository.ts";
import { toFailure } from "./failures.ts";
import { type AidProposal, isOpen } from "./proposals.ts";
import { sharedUpstreamOf, type UpstreamOf } from "./upstream.ts";

/** The networks (ids), among those named, of which both `actor` and this provider are current members. */
export type SharedNetworks = (actor: string, named: readonly string[]) => Promise<string[]>;

const sameOrigin = (a: string, b: string) => new URL(a).origin === new URL(b).origin;

export async function receiveProposal(
  db: Db,
  sender: string,
  proposal: AidProposal,
  addressed: readonly string[],
  shared: SharedNetworks,
  now: Date,
): Promise<Result<{ key: string; stored: boolean }>> {
  if (proposal.author !== sender || !sameOrigin(proposal.id, sender)) return fail("forbidden", "aid.not_sender");
  const [network] = await shared(sender, addressed);
  if (!network) return fail("forbidden", "aid.not_member");
  const held = await findProposal(db, proposal.id);
  if (held) return held.author === sender ? ok({ key: held.key, stored: false }) : fail("forbidden", "aid.not_sender");
  const key = uuidv7(now.getTime());
  const created = await insertProposal(db, {
    key,
    id: proposal.id,
    network,
    author: sender,
    local: false,
    purpose: proposal.purpose,
    resource: proposal.resource,
    region: proposal.region ?? null,
    proposal,
    publishedAt: new Date(proposal.published),
    untilAt: proposal.until ? new Date(proposal.until) : null,
  });
  return ok({ key: created?.key ?? key, stored: created !== undefined });
}

export type IncomingProposedAgreement = {
  readonly uri: string;
  readonly proposedBy: string;
  readonly terms: AgreementTerms;
  readonly signature: string;
  readonly message?: string;
  readonly document: AidDocument;
};

/** A proposed agreement sent to this provider by the other party, answering one of our proposals. */
export async function receiveProposedAgreement(
  db: Db,
  sender: string,
  ownUri: string,
  incoming: IncomingProposedAgreement,
  verify: VerifySignature,
  now: Date,
  shared: SharedNetworks,
  /** Unknown upstreams flag nothing. */
  upstreamOf: UpstreamOf = async () => undefined,
): Promise<Result<{ key: string; stored: boolean }>> {
  if (incoming.proposedBy !== sender || !sameOrigin(incoming.uri, sender)) return fail("forbidden", "aid.not_sender");
  const { terms } = incoming;
  if (terms.provider !== ownUri && terms.receiver !== ownUri) return fail("forbidden", "aid.not_party");
  const proposal = await findProposal(db, terms.proposal);
  if (!proposal?.local) return fail("not_found", "aid.proposal_not_found");
  if (!isOpen(proposal.proposal, now.getTime())) return fail("conflict", "aid.proposal_closed");
  if ((await shared(sender, [proposal.network])).length === 0) return fail("forbidden", "aid.not_member");
  const received = receiveAgreement({
    terms,
    proposedBy: sender,
    signature: incoming.signature,
    ...(incoming.message ? { message: incoming.message } : {}),
    verify,
  });
  if (!received.ok) return { ok: false, error: toFailure(received.failure) };
  // The terms must be exactly what answering our proposal gives: no more than offered, within its dates,
  // its resource, unit and conditions, the sender on the right side.
  const expected = proposeAgreement({
    proposal: proposal.proposal,
    by: sender,
    answer: { quantity: terms.quantity, from: terms.from, until: terms.until },
    at: terms.proposed,
    // The signature was checked above, over the terms as received.
    signature: incoming.signature,
    verify: () => true,
  });
  if (!expected.ok) return { ok: false, error: toFailure(expected.failure) };
  if (expected.value.id !== received.value.id) return fail("invalid", "aid.agreement_invalid");
  const held = await findAgreement(db, received.value.id);
  if (held) return ok({ key: held.key, stored: false });
  const key = uuidv7(now.getTime());
  const sharedUp = await sharedUpstreamOf(terms.resource, partiesOf(received.value), upstreamOf);
  const row = await insertAgreement(db, {
    key,
    uri: incoming.uri,
    agreement: sharedUp.length > 0 ? { ...received.value, sharedUpstream: sharedUp } : received.value,
    document: incoming.document,
    now,
  });
  return ok({ key: row?.key ?? key, stored: row !== undefined });
}

/** Whether a repeated delivery of the other party's step finds it already applied. */
function alreadyApplied(a: Agreement, action: AgreementAction): boolean {
  const last = a.periods[a.periods.length - 1];
  switch (action.type) {
    case "renew":
      return (
        (a.pendingRenewal?.by === action.by && a.pendingRenewal.until === new Date(action.until).toISOString()) ||
        a.periods.slice(1).some((p) => p.signatures[action.by] === action.signature)
      );
    case "acceptRenewal":
      return a.periods.length > 1 && last?.signatures[action.by] === action.signature;
    case "declineRenewal":
      return false;
    default:
      return a.history.some((s) => s.action === action.type && s.by === action.by);
  }
}

/** The other party's step on an agreement we hold, by its id (the digest). */
export async function receiveAgreementAction(
  db: Db,
  sender: string,
  id: string,
  action: AgreementAction,
  verify: VerifySignature,
  now: Date,
): Promise<Result<{ key: string; state: string }>> {
  if (action.by !== sender) return fail("forbidden", "aid.not_sender");
  const held = await findAgreement(db, id);
  if (!held) return fail("not_found", "aid.agreement_not_found");
  // A repeated delivery of a step already applied is answered as done.
  if (alreadyApplied(held.agreement, action)) return ok({ key: held.key, state: held.state });
  const next = applyAction(held.agreement, action, verify);
  if (!next.ok) return { ok: false, error: toFailure(next.failure) };
  const row = await updateAgreement(db, held, next.value, now);
  if (!row) return fail("conflict", "aid.transition_invalid", { vars: { state: held.state, action: action.type } });
  return ok({ key: row.key, state: row.state });
}
