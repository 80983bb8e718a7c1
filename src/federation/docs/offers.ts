// Proposed changes between instances, as ActivityStreams: the proposer's instance sends an `Offer` of
// the proposed revision (an `Article` with the new markdown `source`) to the document's author; the
// author's instance answers `Accept` or `Reject` of that Offer, with the revision it became.
import type { ProposalRow } from "../../domain/docs/docs.repository.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { NAMESPACE } from "../vocab/context.ts";

export const DOCS_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  { ch: NAMESPACE, baseRevision: "ch:baseRevision", revision: "ch:revision" },
] as const;

export const offerId = (proposal: string) => `${proposal}#offer`;

export function offerOf(row: ProposalRow, author: string): Record<string, unknown> {
  return {
    "@context": DOCS_CONTEXT,
    id: offerId(row.id),
    type: "Offer",
    actor: row.proposer,
    to: [author],
    target: row.document,
    object: {
      type: "Article",
      id: row.id,
      attributedTo: row.proposer,
      summary: row.message,
      content: renderMarkdown(row.body),
      mediaType: "text/html",
      source: { content: row.body, mediaType: "text/markdown" },
      baseRevision: row.base,
      published: row.createdAt.toISOString(),
    },
  };
}

export function answerOf(row: ProposalRow, actor: string, id: string): Record<string, unknown> {
  const accepted = row.state === "accepted";
  return {
    "@context": DOCS_CONTEXT,
    id,
    type: accepted ? "Accept" : "Reject",
    actor,
    to: [row.proposer],
    object: { type: "Offer", id: offerId(row.id), actor: row.proposer, object: row.id, target: row.document },
    ...(accepted && row.revision ? { revision: row.revision } : {}),
    ...(row.reason ? { content: row.reason } : {}),
    published: (row.decidedAt ?? new Date()).toISOString(),
  };
}
