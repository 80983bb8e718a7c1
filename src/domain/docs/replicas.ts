// Repairing replicas (anti-entropy for documents, ADR 0020): an author's instance lists the heads of
// its documents a reader may read; the reader compares them with the replicas it holds and fetches
// what it lacks or holds behind. Each new revision is still sent in full; this catches a delivery
// that was lost or made while the reader was down, without waiting for the next revision.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { documents } from "../../db/schema/index.ts";
import { type DocumentRow, findDocument, loadHistory } from "./docs.repository.ts";

/** A document's id and the digest of its head revision. */
export type Head = { readonly id: string; readonly revision: string };

/** Documents listed to one reader at most: the most recently changed (older ones rarely go missing). */
export const MAX_HEADS = 1000;

export type ReaderCheck = (doc: Pick<DocumentRow, "audience" | "network" | "group">) => Promise<boolean>;

/** The heads of this instance's own documents that `mayRead` lets the asking reader read, newest first. */
export async function readableHeads(db: Db, mayRead: ReaderCheck, limit = MAX_HEADS): Promise<Head[]> {
  const rows = await db
    .select({
      id: documents.id,
      head: documents.head,
      audience: documents.audience,
      network: documents.network,
      group: documents.group,
    })
    .from(documents)
    .where(eq(documents.local, true))
    .orderBy(desc(documents.updatedAt))
    .limit(limit);
  const heads: Head[] = [];
  for (const row of rows) if (await mayRead(row)) heads.push({ id: row.id, revision: row.head });
  return heads;
}

/**
 * The ids among an author's listed heads that this instance should fetch: a document on the author's
 * origin that it does not hold, or holds at another revision that its history does not have (a replica
 * is never ahead of its author). Its own documents and other authors' are never asked for.
 */
export async function headsToFetch(db: Db, author: string, heads: readonly Head[]): Promise<string[]> {
  const origin = new URL(author).origin;
  const wanted: string[] = [];
  for (const head of heads) {
    if (!URL.canParse(head.id) || new URL(head.id).origin !== origin) continue;
    const held = await findDocument(db, head.id);
    if (!held) wanted.push(head.id);
    else if (!held.local && held.author === author && held.id === head.id && held.head !== head.revision) {
      const history = await loadHistory(db, held.id);
      if (!history.some((r) => r.digest === head.revision)) wanted.push(head.id);
    }
  }
  return wanted;
}
