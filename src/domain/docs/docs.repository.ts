// Shared documents in the database: documents, their revisions, translations and proposals. Rows are
// read back as the pure core's values (History, Translation, Proposal).
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { documentProposals, documentRevisions, documents, documentTranslations } from "../../db/schema/index.ts";
import type { Proposal, ProposalState } from "./proposals.ts";
import type { History, Revision } from "./revisions.ts";
import type { Translation } from "./translations.ts";

export type DocumentRow = typeof documents.$inferSelect;
export type ProposalRow = typeof documentProposals.$inferSelect;

/** A document by its URI or this instance's key for it. */
export async function findDocument(db: Db, idOrKey: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(or(eq(documents.id, idOrKey), eq(documents.key, idOrKey)))
    .limit(1);
  return row;
}

/** Documents held here, the most recently changed first. */
/** What a list shows of a document's head revision: not its text. */
export type RevisionHeading = Omit<Revision, "content" | "message" | "proposal"> & {
  readonly content: Omit<Revision["content"], "body">;
};

/** A row of the documents list: the head's heading, how many translations, how many of them outdated. */
export type DocumentListing = {
  readonly doc: DocumentRow;
  readonly head: RevisionHeading;
  readonly translations: number;
  readonly outdated: number;
};

/**
 * The documents held, the most recently changed first, with only what a list shows: one query that
 * reads the head revision without its text and counts the translations (those of another revision
 * than the head are outdated), instead of every document's history and translations with their text.
 */
export async function listDocuments(db: Db, limit = 100): Promise<DocumentListing[]> {
  const r = documentRevisions;
  const rows = await db
    .select({
      doc: documents,
      number: r.number,
      digest: r.digest,
      author: r.author,
      title: r.title,
      summary: r.summary,
      lang: r.lang,
      tags: r.tags,
      createdAt: r.createdAt,
      translations: sql<number>`(select count(*)::int from document_translations t where t.document = ${documents.id})`,
      outdated: sql<number>`(select count(*)::int from document_translations t where t.document = ${documents.id} and t.revision <> ${r.digest})`,
    })
    .from(documents)
    .innerJoin(
      r,
      and(
        eq(r.document, documents.id),
        eq(r.number, sql`(select max(h.number) from document_revisions h where h.document = ${documents.id})`),
      ),
    )
    .orderBy(desc(documents.updatedAt))
    .limit(limit);
  return rows.map(({ doc, translations, outdated, ...h }) => ({
    doc,
    head: {
      number: h.number,
      digest: h.digest,
      author: h.author,
      at: h.createdAt.toISOString(),
      content: { title: h.title, summary: h.summary, lang: h.lang, tags: h.tags },
    },
    translations: Number(translations),
    outdated: Number(outdated),
  }));
}

export async function insertDocument(db: Db, row: typeof documents.$inferInsert): Promise<void> {
  await db.insert(documents).values(row);
}

export async function updateDocumentRow(
  db: Db,
  id: string,
  patch: Partial<Pick<DocumentRow, "head" | "lang" | "tags" | "audience" | "network" | "group" | "updatedAt" | "gone">>,
): Promise<void> {
  await db.update(documents).set(patch).where(eq(documents.id, id));
}

const toRevision = (r: typeof documentRevisions.$inferSelect): Revision => ({
  number: r.number,
  digest: r.digest,
  content: { title: r.title, summary: r.summary, body: r.body, lang: r.lang, tags: r.tags },
  author: r.author,
  at: r.createdAt.toISOString(),
  message: r.message,
  ...(r.proposal && r.acceptedBy ? { proposal: { id: r.proposal, acceptedBy: r.acceptedBy } } : {}),
});

/** A document's revisions, oldest first. */
export async function loadHistory(db: Db, document: string): Promise<History> {
  const rows = await db
    .select()
    .from(documentRevisions)
    .where(eq(documentRevisions.document, document))
    .orderBy(asc(documentRevisions.number));
  return rows.map(toRevision);
}

export async function insertRevision(db: Db, document: string, revision: Revision): Promise<void> {
  const { content } = revision;
  await db.insert(documentRevisions).values({
    document,
    number: revision.number,
    digest: revision.digest,
    author: revision.author,
    title: content.title,
    summary: content.summary,
    body: content.body,
    lang: content.lang,
    tags: [...content.tags],
    message: revision.message,
    proposal: revision.proposal?.id ?? null,
    acceptedBy: revision.proposal?.acceptedBy ?? null,
    createdAt: new Date(revision.at),
  });
}

export async function loadTranslations(db: Db, document: string): Promise<Translation[]> {
  const rows = await db
    .select()
    .from(documentTranslations)
    .where(eq(documentTranslations.document, document))
    .orderBy(asc(documentTranslations.lang));
  return rows.map((r) => ({
    lang: r.lang,
    of: r.revision,
    title: r.title,
    summary: r.summary,
    body: r.body,
    translator: r.translator,
    at: r.createdAt.toISOString(),
  }));
}

/** Stores a translation, replacing the document's earlier one in the same language. */
export async function saveTranslation(db: Db, document: string, t: Translation): Promise<void> {
  const values = {
    revision: t.of,
    title: t.title,
    summary: t.summary,
    body: t.body,
    translator: t.translator,
    createdAt: new Date(t.at),
  };
  await db
    .insert(documentTranslations)
    .values({ document, lang: t.lang, ...values })
    .onConflictDoUpdate({ target: [documentTranslations.document, documentTranslations.lang], set: values });
}

export const toProposal = (r: ProposalRow): Proposal => ({
  id: r.id,
  proposer: r.proposer,
  base: r.base,
  body: r.body,
  message: r.message,
  at: r.createdAt.toISOString(),
  state: r.state,
  ...(r.decidedBy && r.decidedAt
    ? {
        decision: {
          by: r.decidedBy,
          at: r.decidedAt.toISOString(),
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.revision ? { revision: r.revision } : {}),
        },
      }
    : {}),
});

/** A proposal by this instance's key for it or by its URI. */
export async function findProposal(db: Db, keyOrId: string): Promise<ProposalRow | undefined> {
  const [row] = await db
    .select()
    .from(documentProposals)
    .where(or(eq(documentProposals.key, keyOrId), eq(documentProposals.id, keyOrId)))
    .limit(1);
  return row;
}

export async function listProposals(db: Db, filter: { state?: ProposalState } = {}): Promise<ProposalRow[]> {
  return db
    .select()
    .from(documentProposals)
    .where(filter.state ? eq(documentProposals.state, filter.state) : undefined)
    .orderBy(desc(documentProposals.createdAt))
    .limit(200);
}

/** Adds a proposal; one already held (same URI) is left as it is. Returns whether it was added. */
export async function insertProposal(db: Db, row: typeof documentProposals.$inferInsert): Promise<boolean> {
  const added = await db
    .insert(documentProposals)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: documentProposals.key });
  return added.length > 0;
}

/** Records a decision on a proposal that is still open; returns whether it was. */
export async function decideProposal(db: Db, key: string, proposal: Proposal): Promise<boolean> {
  const decided = await db
    .update(documentProposals)
    .set({
      state: proposal.state,
      decidedBy: proposal.decision?.by ?? null,
      decidedAt: proposal.decision ? new Date(proposal.decision.at) : null,
      reason: proposal.decision?.reason ?? null,
      revision: proposal.decision?.revision ?? null,
    })
    .where(and(eq(documentProposals.key, key), eq(documentProposals.state, "open")))
    .returning({ key: documentProposals.key });
  return decided.length > 0;
}
