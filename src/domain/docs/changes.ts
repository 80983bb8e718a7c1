// Proposed changes, as operators make and decide them. A change to a document of this instance is
// decided here; a change to a replica's document is offered to its author's instance (the event
// `docs.proposal.offered`), which answers with the outcome (incoming.ts). An accepted change becomes
// the next revision, credited to the proposer (proposals.ts decides; this module stores).
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordEvent } from "../events.ts";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";
import { newKey, type Writer } from "./docs.ts";
import {
  type DocumentRow,
  decideProposal,
  findDocument,
  findProposal,
  insertProposal,
  insertRevision,
  listProposals,
  loadHistory,
  type ProposalRow,
  toProposal,
  updateDocumentRow,
} from "./docs.repository.ts";
import { indexDocument } from "./library.ts";
import { acceptProposal, MAX_MESSAGE, type Proposal, propose, rejectProposal } from "./proposals.ts";
import { head } from "./revisions.ts";

export const proposalUri = (origin: string, key: string) => new URL(`/docs/proposals/${key}`, origin).href;

const changeInput = z
  .object({
    doc: z.string().min(1).max(2048),
    body: z.unknown(),
    message: z.unknown(),
    base: z.unknown().optional(),
  })
  .strict();

export type ProposalView = ProposalRow;

/**
 * Proposes a change to a document held here, on its head unless `base` names another revision. The
 * document's writer edits it and does not propose (`docs.proposer_is_maintainer`).
 */
export async function proposeChange(
  db: Db,
  writer: Writer,
  input: unknown,
  now = new Date(),
): Promise<Result<ProposalView>> {
  const parsed = changeInput.safeParse(input);
  if (!parsed.success) return fail("invalid", "docs.invalid", { fields: fieldErrors(parsed.error) });
  const { doc: ref, base, body, message } = parsed.data;
  const doc = await findDocument(db, ref);
  if (!doc) return fail("invalid", "docs.invalid", { fields: { doc: { code: "notFound" } } });
  const key = newKey();
  return openProposal(
    db,
    doc,
    { base, body, message },
    { key, id: proposalUri(writer.origin, key), proposer: writer.actor, at: now.toISOString() },
    async (tx) => {
      if (!doc.local) await recordEvent(tx, { commonhost: "docs.proposal.offered", key });
    },
  );
}

/**
 * Keeps a proposed change to a document held here open, once the core's `propose` accepted it against
 * the document's history (its writer maintains it; `base` defaults to the head): the one path of a
 * change made here and of one another instance offered. `then` runs in the same transaction.
 */
export async function openProposal(
  db: Db,
  doc: DocumentRow,
  change: { readonly base?: unknown; readonly body: unknown; readonly message: unknown },
  who: { readonly key: string; readonly id: string; readonly proposer: string; readonly at: string },
  then?: (tx: Db) => Promise<void>,
): Promise<Result<ProposalView>> {
  const history = await loadHistory(db, doc.id);
  const { key, ...meta } = who;
  const proposal = propose(
    history,
    new Set([doc.author]),
    { ...change, base: change.base ?? head(history).digest },
    meta,
  );
  if (!proposal.ok) return proposal;
  const p = proposal.value;
  const row: ProposalRow = {
    key,
    id: p.id,
    document: doc.id,
    base: p.base,
    body: p.body,
    message: p.message,
    proposer: p.proposer,
    state: "open",
    decidedBy: null,
    reason: null,
    revision: null,
    createdAt: new Date(p.at),
    decidedAt: null,
  };
  await db.transaction(async (tx) => {
    await insertProposal(tx, row);
    await then?.(tx);
  });
  return ok(row);
}

export const proposalsHeld = (db: Db) => listProposals(db);

const decisionInput = z.object({ reason: z.string().max(MAX_MESSAGE).optional() }).strict();

/** Accepts or rejects a proposal for a document of this instance; the proposer of another instance hears it. */
export async function decideChange(
  db: Db,
  writer: Writer,
  key: string,
  accept: boolean,
  input: unknown = {},
  now = new Date(),
): Promise<Result<ProposalView>> {
  const parsed = decisionInput.safeParse(input ?? {});
  if (!parsed.success) return fail("invalid", "docs.invalid", { fields: fieldErrors(parsed.error) });
  const row = await findProposal(db, key);
  if (!row) return fail("not_found", "docs.proposal_not_found");
  const doc = await findDocument(db, row.document);
  if (!doc?.local) return fail("forbidden", "docs.not_maintainer");
  const maintainers = new Set([doc.author]);
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const history = accept ? await loadHistory(tx, doc.id) : [];
    const outcome = accept
      ? acceptProposal(history, maintainers, toProposal(row), writer.actor, at)
      : rejectProposal(maintainers, toProposal(row), writer.actor, at, parsed.data.reason);
    if (!outcome.ok) return outcome;
    const decided: Proposal = "proposal" in outcome.value ? outcome.value.proposal : outcome.value;
    // Marked first: a second decision that raced this one finds it closed and writes nothing.
    if (!(await decideProposal(tx, row.key, decided)))
      return fail("conflict", "docs.proposal_closed", { vars: { state: row.state } });
    if ("revision" in outcome.value) {
      const { revision } = outcome.value;
      await insertRevision(tx, doc.id, revision);
      await updateDocumentRow(tx, doc.id, { head: revision.digest, updatedAt: now });
      await indexDocument(tx, doc.id);
      await recordEvent(tx, { commonhost: "docs.document.published", id: doc.id, created: false });
    }
    if (row.proposer !== writer.actor) await recordEvent(tx, { commonhost: "docs.proposal.decided", key: row.key });
    return ok((await findProposal(tx, row.key))!);
  });
}
