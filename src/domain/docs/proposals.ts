// Proposed changes: a reader who is not a maintainer of a document proposes a new body, with a message,
// based on a revision. A maintainer (the writing provider, or a group's maintainers) accepts or rejects
// it; the proposer may withdraw it. Accepted, it becomes the next revision, credited to the proposer.
//
// A proposal based on an older revision than the head is stale. It can still be accepted when its change
// and the changes made since touch different lines (a three-way merge, merge.ts); otherwise accepting it
// is refused with `conflict` / `docs.proposal_conflict`, and the proposer rebases it on the head.
import { z } from "zod";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";
import { bodySchema } from "./document.ts";
import { merge3 } from "./merge.ts";
import { type Appended, appendRevision, findRevision, type History, head } from "./revisions.ts";

export const PROPOSAL_STATES = ["open", "accepted", "rejected", "withdrawn"] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const MAX_MESSAGE = 1000;

export type Proposal = {
  readonly id: string;
  readonly proposer: string;
  /** Digest of the revision the proposal was made on. */
  readonly base: string;
  readonly body: string;
  readonly message: string;
  readonly at: string;
  readonly state: ProposalState;
  /** Once decided: by whom, when, why (a rejection may say), and the revision it became. */
  readonly decision?: {
    readonly by: string;
    readonly at: string;
    readonly reason?: string;
    readonly revision?: string;
  };
};

export const proposalInputSchema = z
  .object({
    base: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    body: bodySchema,
    message: z.string().trim().min(1).max(MAX_MESSAGE),
  })
  .strict();

/** Who decides on a document's proposals: its writer, or its group's maintainers. */
export type Maintainers = ReadonlySet<string>;

/**
 * A new proposal. Refused: a bad field (`invalid`, `docs.invalid`), a maintainer proposing (they edit;
 * `invalid`, `docs.proposer_is_maintainer`), an unknown base (`not_found`, `docs.revision_unknown`), a
 * body equal to the base's (`invalid`, `docs.proposal_no_change`). Whether the proposer may read the
 * document is the caller's check (`mayRead`).
 */
export function propose(
  history: History,
  maintainers: Maintainers,
  input: unknown,
  who: { readonly id: string; readonly proposer: string; readonly at: string },
): Result<Proposal> {
  const parsed = proposalInputSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "docs.invalid", { fields: fieldErrors(parsed.error) });
  if (maintainers.has(who.proposer)) return fail("invalid", "docs.proposer_is_maintainer");
  const base = findRevision(history, parsed.data.base);
  if (!base) return fail("not_found", "docs.revision_unknown", { vars: { revision: parsed.data.base } });
  if (base.content.body === parsed.data.body) return fail("invalid", "docs.proposal_no_change");
  return ok({ ...who, ...parsed.data, state: "open" });
}

export type ProposalStatus =
  | { readonly stale: false }
  /** Stale: made on an older revision. `mergeable` says whether accepting would still succeed. */
  | { readonly stale: true; readonly behind: number; readonly mergeable: boolean };

/** Whether a proposal is stale, and if so whether it still merges with the head. */
export function proposalStatus(history: History, proposal: Proposal): ProposalStatus {
  const last = head(history);
  if (proposal.base === last.digest) return { stale: false };
  const base = findRevision(history, proposal.base);
  const behind = base ? last.number - base.number : last.number;
  return {
    stale: true,
    behind,
    mergeable: base ? merge3(base.content.body, last.content.body, proposal.body).ok : false,
  };
}

export type Accepted = Appended & { readonly proposal: Proposal };

/**
 * Accepts an open proposal: the head with the proposed body becomes the next revision, its author the
 * proposer. On a stale base the proposal's change is merged into the head. Refused: not open
 * (`conflict`, `docs.proposal_closed`), not a maintainer (`forbidden`, `docs.not_maintainer`), base no
 * longer in the history (`conflict`, `docs.revision_unknown`), a conflicting stale change (`conflict`,
 * `docs.proposal_conflict` with the first conflicting lines of the base), or a change the head already
 * holds (`conflict`, `docs.proposal_no_change`).
 */
export function acceptProposal(
  history: History,
  maintainers: Maintainers,
  proposal: Proposal,
  by: string,
  at: string,
): Result<Accepted> {
  const closed = checkOpen(maintainers, proposal, by);
  if (closed) return closed;
  const base = findRevision(history, proposal.base);
  if (!base) return fail("conflict", "docs.revision_unknown", { vars: { revision: proposal.base } });
  const last = head(history);
  let body = proposal.body;
  if (base.digest !== last.digest) {
    const merged = merge3(base.content.body, last.content.body, proposal.body);
    if (!merged.ok)
      return fail("conflict", "docs.proposal_conflict", {
        vars: { fromLine: merged.conflict.fromLine, toLine: merged.conflict.toLine, conflicts: merged.conflicts },
      });
    body = merged.text;
  }
  const appended = appendRevision(history, {
    content: { ...last.content, body },
    author: proposal.proposer,
    at,
    message: proposal.message,
    proposal: { id: proposal.id, acceptedBy: by },
  });
  if (!appended.ok) return appended;
  if (!appended.value.changed) return fail("conflict", "docs.proposal_no_change");
  const decided: Proposal = {
    ...proposal,
    state: "accepted",
    decision: { by, at, revision: appended.value.revision.digest },
  };
  return ok({ ...appended.value, proposal: decided });
}

/** Rejects an open proposal, with an optional reason (same refusals as accepting, for the state and who). */
export function rejectProposal(
  maintainers: Maintainers,
  proposal: Proposal,
  by: string,
  at: string,
  reason?: string,
): Result<Proposal> {
  const closed = checkOpen(maintainers, proposal, by);
  if (closed) return closed;
  const why = reason?.trim().slice(0, MAX_MESSAGE);
  return ok({ ...proposal, state: "rejected", decision: { by, at, ...(why ? { reason: why } : {}) } });
}

/** The proposer takes an open proposal back (`forbidden`, `docs.not_proposer` for anyone else). */
export function withdrawProposal(proposal: Proposal, by: string, at: string): Result<Proposal> {
  if (proposal.state !== "open") return fail("conflict", "docs.proposal_closed", { vars: { state: proposal.state } });
  if (by !== proposal.proposer) return fail("forbidden", "docs.not_proposer");
  return ok({ ...proposal, state: "withdrawn", decision: { by, at } });
}

function checkOpen(maintainers: Maintainers, proposal: Proposal, by: string) {
  if (proposal.state !== "open") return fail("conflict", "docs.proposal_closed", { vars: { state: proposal.state } });
  if (!maintainers.has(by)) return fail("forbidden", "docs.not_maintainer");
  return null;
}
