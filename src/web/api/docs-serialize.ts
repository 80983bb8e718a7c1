// Shared documents as the API shows them.
import type { z } from "zod";
import type { DocumentView } from "../../domain/docs/docs.ts";
import type { DocumentRow, ProposalRow, RevisionHeading } from "../../domain/docs/docs.repository.ts";
import type { Revision } from "../../domain/docs/revisions.ts";
import type { documentSchema, proposalSchema } from "./docs-schemas.ts";

export const revisionJson = (r: Revision) => ({
  number: r.number,
  digest: r.digest,
  author: r.author,
  at: r.at,
  message: r.message,
  title: r.content.title,
  ...(r.proposal ? { proposal: r.proposal } : {}),
});

export const summaryJson = (d: DocumentRow, head: RevisionHeading) => ({
  key: d.key,
  id: d.id,
  url: d.id,
  author: d.author,
  local: d.local,
  gone: d.gone,
  audience: d.audience,
  network: d.network,
  group: d.group,
  revision: head.digest,
  number: head.number,
  title: head.content.title,
  summary: head.content.summary,
  lang: head.content.lang,
  tags: [...head.content.tags],
  created: d.createdAt.toISOString(),
  updated: d.updatedAt.toISOString(),
});

export const documentJson = (v: DocumentView): z.infer<typeof documentSchema> => ({
  ...summaryJson(v.document, v.head),
  body: v.head.content.body,
  translations: v.translations.map((t) => ({ ...t })),
});

export const proposalJson = (p: ProposalRow): z.infer<typeof proposalSchema> => ({
  key: p.key,
  id: p.id,
  doc: p.document,
  base: p.base,
  body: p.body,
  message: p.message,
  proposer: p.proposer,
  state: p.state,
  created: p.createdAt.toISOString(),
  decidedBy: p.decidedBy,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  reason: p.reason,
  revision: p.revision,
});
