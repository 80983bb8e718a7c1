// What an operator does in mutual aid: publish an offer or request to a network (one delivery per
// current fellow member, and for a public one a note to followers, in one transaction), list the open
// ones, answer one with a proposed agreement, and act on an agreement (accept, reject, cancel, end,
// breach, renew). Signing and
// checking signatures are ports: the domain does not hold keys.
import type { Db } from "../../db/client.ts";
import { insertAnnouncement, type TagUrl, uuidv7 } from "../announcements/announcements.ts";
import { recordEvent } from "../events.ts";
import { fail, type FieldError, ok, type Result } from "../validation.ts";
import {
  type Agreement,
  type AgreementAction,
  applyAction,
  counterpartOf,
  partiesOf,
  proposeAgreement,
  renewalDigestOf,
  settle,
  type VerifySignature,
} from "./agreements.ts";
import {
  type AgreementRow,
  findAgreement,
  findProposal,
  markWithdrawn,
  insertAgreement,
  insertProposal,
  listActiveAgreements,
  listAgreements,
  listOpenProposals,
  type ProposalFilter,
  type ProposalPage,
  type ProposalRow,
  updateAgreement,
} from "./aid.repository.ts";
import type { OwnAction } from "./events.ts";
import { toFailure } from "./failures.ts";
import { type AidProposal, instantSchema, isOpen, parseProposal } from "./proposals.ts";
import { sharedUpstreamOf, type UpstreamOf } from "./upstream.ts";

export type { AgreementRow, ProposalRow } from "./aid.repository.ts";

/** What publishing needs from the edges. */
export type ProposalPorts = {
  readonly ownUri: string;
  readonly now: Date;
  readonly tagUrl: TagUrl;
  /** The network's id and its current members, or null unless this provider is a current member of it. */
  readonly network: (idOrKey: string) => Promise<{ id: string; members: string[] } | null>;
  /** The public note's text, in the provider's first language. */
  readonly noteText: (p: AidProposal) => { content: string; language: string | null } | undefined;
};

/** What acting on an agreement needs from the edges. */
export type AgreementPorts = {
  readonly ownUri: string;
  readonly now: Date;
  /** This provider's signature of a digest. */
  readonly sign: (digest: string) => Promise<string>;
  readonly verify: VerifySignature;
  /** Whether an actor and this provider are current members of a network (by its id). */
  readonly fellow: (network: string, actor: string) => Promise<boolean>;
  readonly upstreamOf: UpstreamOf;
};

const invalid = (fields: Record<string, FieldError>) => fail("invalid", "aid.proposal_invalid", { fields });

export async function publishProposal(db: Db, input: unknown, ports: ProposalPorts): Promise<Result<ProposalRow>> {
  const { network, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const parsed = parseProposal(rest);
  const fields: Record<string, FieldError> = parsed.ok ? {} : { ...parsed.failure.fields };
  if (typeof network !== "string" || network.trim() === "") fields.network = { code: "required" };
  if (!parsed.ok || Object.keys(fields).length > 0) return invalid(fields);
  const held = await ports.network((network as string).trim());
  if (!held) return fail("forbidden", "aid.not_member", { fields: { network: { code: "notMember" } } });
  const key = uuidv7(ports.now.getTime());
  const proposal: AidProposal = {
    ...parsed.value,
    id: new URL(`/aid/proposals/${key}`, ports.ownUri).href,
    author: ports.ownUri,
    published: ports.now.toISOString(),
  };
  const recipients = [...new Set(held.members)].filter((m) => m !== ports.ownUri).sort();
  const row = await db.transaction(async (tx) => {
    const note = ports.noteText(proposal);
    const announcement = note ? await insertAnnouncement(tx, { ...note, pinned: false }, ports.tagUrl) : undefined;
    const created = await insertProposal(tx, {
      key,
      id: proposal.id,
      network: held.id,
      author: ports.ownUri,
      local: true,
      purpose: proposal.purpose,
      resource: proposal.resource,
      region: proposal.region ?? null,
      proposal,
      recipients,
      announcementId: announcement?.id ?? null,
      publishedAt: ports.now,
      untilAt: proposal.until ? new Date(proposal.until) : null,
    });
    for (const to of recipients) await recordEvent(tx, { commonhost: "aid.proposal.deliver", key, to });
    return created!;
  });
  return ok(row);
}

export const listProposals = (db: Db, filter: ProposalFilter, now: Date, page?: ProposalPage): Promise<ProposalRow[]> =>
  listOpenProposals(db, filter, now, page);

/** One offer or request held, by its key or id. */
export const proposalOf = (db: Db, keyOrId: string): Promise<ProposalRow | undefined> => findProposal(db, keyOrId);

/**
 * Takes back one of this provider's own offers or requests before its end: it is no longer open, and
 * each member it was sent to is told. Agreements already made from it stand.
 */
export async function withdrawProposal(
  db: Db,
  key: string,
  ports: { readonly ownUri: string; readonly now: Date },
): Promise<Result<ProposalRow>> {
  const held = await findProposal(db, key);
  if (!held?.local || held.author !== ports.ownUri) return fail("not_found", "aid.proposal_not_found");
  if (held.withdrawnAt) return fail("conflict", "aid.proposal_withdrawn");
  if (!isOpen(held.proposal, ports.now.getTime())) return fail("conflict", "aid.proposal_closed");
  return db.transaction(async (tx) => {
    const row = await markWithdrawn(tx, held.key, ports.now);
    if (!row) return fail("conflict", "aid.proposal_withdrawn");
    for (const to of row.recipients) await recordEvent(tx, { commonhost: "aid.proposal.withdraw", key: row.key, to });
    return ok(row);
  });
}

/**
 * Records a withdrawal received from a proposal's author: only the author may withdraw it, and a
 * proposal unknown here is nothing to withdraw.
 */
export async function receiveWithdrawal(
  db: Db,
  sender: string,
  proposalId: string,
  now: Date,
): Promise<Result<ProposalRow | undefined>> {
  const held = await findProposal(db, proposalId);
  if (!held || held.local) return ok(undefined);
  if (held.author !== sender) return fail("forbidden", "aid.not_author");
  if (held.withdrawnAt) return ok(held);
  return ok((await markWithdrawn(db, held.key, now)) ?? held);
}

/** The agreement's URI: on the proposer's instance, named by the digest. */
export const agreementUri = (proposedBy: string, id: string): string =>
  new URL(`/aid/agreements/${id.replace(/^sha256:/, "")}`, proposedBy).href;

/**
 * Answers an offer or request received from a fellow member with a proposed agreement signed by this
 * provider; it goes to the proposal's author. Absent amounts and dates are the proposal's.
 */
export async function respondToProposal(
  db: Db,
  key: string,
  input: { quantity?: unknown; from?: unknown; until?: unknown; message?: unknown },
  ports: AgreementPorts,
): Promise<Result<AgreementRow>> {
  const held = await findProposal(db, key);
  if (!held) return fail("not_found", "aid.proposal_not_found");
  const proposal = held.proposal;
  if (held.withdrawnAt) return fail("conflict", "aid.proposal_withdrawn");
  if (!isOpen(proposal, ports.now.getTime())) return fail("conflict", "aid.proposal_closed");
  if (!held.local && !(await ports.fellow(held.network, held.author))) return fail("forbidden", "aid.not_member");
  const until = input.until ?? proposal.until;
  if (until === undefined) return fail("invalid", "aid.agreement_invalid", { fields: { until: { code: "required" } } });
  const answer = {
    quantity: (input.quantity ?? proposal.quantity) as AidProposal["quantity"],
    from: String(input.from ?? proposal.from),
    until: String(until),
    ...(typeof input.message === "string" ? { message: input.message } : {}),
  };
  const at = ports.now.toISOString();
  // The id is the digest of the terms: computed first, then signed.
  const draft = proposeAgreement({ proposal, by: ports.ownUri, answer, at, signature: "", verify: () => true });
  if (!draft.ok) return { ok: false, error: toFailure(draft.failure) };
  const signature = await ports.sign(draft.value.id);
  const proposed = proposeAgreement({ proposal, by: ports.ownUri, answer, at, signature, verify: ports.verify });
  if (!proposed.ok) return { ok: false, error: toFailure(proposed.failure) };
  const shared = await sharedUpstreamOf(proposed.value.terms.resource, partiesOf(proposed.value), ports.upstreamOf);
  const agreement: Agreement = shared.length > 0 ? { ...proposed.value, sharedUpstream: shared } : proposed.value;
  return db.transaction(async (tx) => {
    const newKey = uuidv7(ports.now.getTime());
    const uri = agreementUri(ports.ownUri, agreement.id);
    const row = await insertAgreement(tx, { key: newKey, uri, agreement, now: ports.now });
    if (!row) return fail("conflict", "aid.agreement_exists");
    const to = counterpartOf(agreement, ports.ownUri);
    await recordEvent(tx, { commonhost: "aid.agreement.deliver", key: newKey, to, action: "propose" });
    return ok(row);
  });
}

export type { OwnAction } from "./events.ts";

/** What some actions carry: the reason of a breach, the new end date of a renewal. */
export type ActionInput = { readonly reason?: unknown; readonly until?: unknown };

/** This provider's signed or plain action, as the domain applies it. */
async function ownAction(
  a: Agreement,
  action: OwnAction,
  input: ActionInput,
  ports: AgreementPorts,
): Promise<AgreementAction | Result<never>> {
  const by = ports.ownUri;
  const at = ports.now.toISOString();
  switch (action) {
    case "accept":
      return { type: "accept", by, at, signature: await ports.sign(a.id) };
    case "breach":
      if (typeof input.reason !== "string" || input.reason.trim() === "")
        return fail("invalid", "aid.agreement_invalid", { fields: { reason: { code: "required" } } });
      return { type: "breach", by, at, reason: input.reason };
    case "renew": {
      const until = instantSchema.safeParse(input.until);
      if (!until.success) return fail("invalid", "aid.agreement_invalid", { fields: { until: { code: "date" } } });
      const digest = renewalDigestOf(a, until.data);
      return { type: "renew", by, at, until: until.data, signature: await ports.sign(digest) };
    }
    case "acceptRenewal": {
      const pending = a.pendingRenewal;
      // Without a pending renewal the domain refuses the step; nothing is signed.
      const signature = pending ? await ports.sign(pending.digest) : "";
      return { type: "acceptRenewal", by, at, signature };
    }
    default:
      return { type: action, by, at };
  }
}

/**
 * This provider acts on an agreement: accepts (signing the terms), rejects, cancels, ends, declares a
 * breach (with a reason), proposes a renewal (signing the new period) or accepts or declines the other
 * party's. The other party is told.
 */
export async function actOnAgreement(
  db: Db,
  key: string,
  action: OwnAction,
  ports: AgreementPorts,
  input: ActionInput = {},
): Promise<Result<AgreementRow>> {
  const held = await findAgreement(db, key);
  if (!held) return fail("not_found", "aid.agreement_not_found");
  const by = ports.ownUri;
  const a: Agreement = held.agreement;
  const step = await ownAction(a, action, input, ports);
  if ("ok" in step) return step;
  const next = applyAction(a, step, ports.verify);
  if (!next.ok) return { ok: false, error: toFailure(next.failure) };
  return db.transaction(async (tx) => {
    const row = await updateAgreement(tx, held, next.value, ports.now);
    if (!row) return fail("conflict", "aid.transition_invalid", { vars: { state: held.state, action } });
    const to = counterpartOf(next.value, by);
    await recordEvent(tx, { commonhost: "aid.agreement.deliver", key: held.key, to, action });
    return ok(row);
  });
}

export const agreements = (db: Db): Promise<AgreementRow[]> => listAgreements(db);

/** The providers `self` has an agreement with that is active at `now` (not run out, not ended). */
export async function activePartners(db: Db, self: string, now: Date): Promise<Set<string>> {
  const partners = new Set<string>();
  for (const row of await listActiveAgreements(db)) {
    const a = settle(row.agreement, now.getTime());
    if (a.state === "active" && partiesOf(a).includes(self)) partners.add(counterpartOf(a, self));
  }
  return partners;
}
