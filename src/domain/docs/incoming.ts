// What arrives from peers about shared documents: an Article (a document of another instance, kept as a
// replica), an offered change to one of ours, and the outcome of a change we offered. The edge has
// checked the shapes and who signed; the decisions of who may send what are here.
import type { Db } from "../../db/client.ts";
import { findFollowed } from "../following/following.ts";
import { fail, ok, type Result } from "../validation.ts";
import { openProposal } from "./changes.ts";
import { followsGroup, newKey } from "./docs.ts";
import {
  type DocumentRow,
  decideProposal,
  findDocument,
  findProposal,
  insertDocument,
  insertRevision,
  loadHistory,
  updateDocumentRow,
} from "./docs.repository.ts";
import type { DocumentContent } from "./document.ts";
import { indexDocument } from "./library.ts";
import type { Proposal } from "./proposals.ts";
import { appendRevision, firstRevision } from "./revisions.ts";

/** An Article as the edge parsed it (src/federation/mappers/article.ts). */
export type IncomingArticle = {
  readonly id: string;
  readonly attributedTo: string;
  readonly published: string;
  readonly updated?: string;
  readonly content: DocumentContent;
  /** Addressed to `as:Public`, to named members of `network`, or to the members of a working group. */
  readonly audience:
    | { readonly kind: "public" }
    | { readonly kind: "network"; readonly network: string }
    | { readonly kind: "group"; readonly group: string };
};

/** What the networks edge knows: whether an actor is a current member of a network this provider is in too. */
export type Fellowship = {
  /** A current member of some network this provider is in. */
  fellow(actor: string): Promise<boolean>;
  /** A current member of this network, which this provider is in too. */
  memberOf(network: string, actor: string): Promise<boolean>;
};

export type ArticleOutcome = "created" | "revised" | "unchanged" | "stale";

/**
 * Keeps a peer's Article as a replica, or its new revision. Accepted from its author only: a public one
 * when this provider follows the author or shares a network with it, a network one when both are current
 * members of that network, a group one when this provider is in the group (its follow was accepted; the
 * edge fetched the Article from its author's server, which served it to a member only). A revision older than the replica's head (an Update overtaken by a later one)
 * is dropped as `stale`.
 */
export async function receiveArticle(
  db: Db,
  article: IncomingArticle,
  sender: string,
  fellowship: Fellowship,
): Promise<Result<ArticleOutcome>> {
  if (sender !== article.attributedTo) return fail("forbidden", "docs.not_author");
  const { audience: to } = article;
  const allowed =
    to.kind === "public"
      ? (await findFollowed(db, sender))?.state === "accepted" || (await fellowship.fellow(sender))
      : to.kind === "network"
        ? await fellowship.memberOf(to.network, sender)
        : await followsGroup(db, to.group);
  if (!allowed) return fail("forbidden", "docs.not_reader");
  const audience = {
    audience: to.kind,
    network: to.kind === "network" ? to.network : null,
    group: to.kind === "group" ? to.group : null,
  };
  const at = article.updated ?? article.published;
  return db.transaction(async (tx): Promise<Result<ArticleOutcome>> => {
    const held = await findDocument(tx, article.id);
    if (held?.local || (held && held.author !== sender)) return fail("forbidden", "docs.not_author");
    if (!held) {
      const history = firstRevision({ content: article.content, author: sender, at });
      const first = history[0]!;
      await insertDocument(tx, {
        id: article.id,
        key: newKey(),
        author: sender,
        local: false,
        ...audience,
        lang: first.content.lang,
        tags: [...first.content.tags],
        head: first.digest,
        createdAt: new Date(article.published),
        updatedAt: new Date(at),
      });
      await insertRevision(tx, article.id, first);
      await indexDocument(tx, article.id);
      return ok("created");
    }
    const appended = appendRevision(await loadHistory(tx, held.id), { content: article.content, author: sender, at });
    if (!appended.ok) return ok("stale");
    const { revision, changed } = appended.value;
    if (changed) await insertRevision(tx, held.id, revision);
    await updateDocumentRow(tx, held.id, {
      head: revision.digest,
      lang: revision.content.lang,
      tags: [...revision.content.tags],
      ...audience,
      updatedAt: new Date(at),
      gone: false,
    });
    if (changed) await indexDocument(tx, held.id);
    return ok(changed ? "revised" : "unchanged");
  });
}

export type IncomingOffer = {
  /** The proposal's URI, on the proposer's origin. */
  readonly id: string;
  readonly proposer: string;
  readonly document: string;
  readonly base: string;
  readonly body: string;
  readonly message: string;
  readonly at: string;
};

/**
 * A change offered by another instance to one of this instance's documents, kept open for the
 * operators. The proposer must be allowed to read the document (`mayRead`: the edge knows who is in
 * a network); the rest is the core's `propose`. An offer already held is accepted again as it is.
 */
export async function receiveOffer(
  db: Db,
  offer: IncomingOffer,
  mayRead: (doc: DocumentRow) => Promise<boolean>,
): Promise<Result<string>> {
  if (new URL(offer.id).origin !== new URL(offer.proposer).origin) return fail("forbidden", "docs.not_proposer");
  const doc = await findDocument(db, offer.document);
  if (!doc?.local || doc.id !== offer.document) return fail("not_found", "docs.not_found");
  if (!(await mayRead(doc))) return fail("not_found", "docs.not_found");
  const known = await findProposal(db, offer.id);
  if (known) return known.proposer === offer.proposer ? ok(known.key) : fail("forbidden", "docs.not_proposer");
  const opened = await openProposal(
    db,
    doc,
    { base: offer.base, body: offer.body, message: offer.message },
    { key: newKey(), id: offer.id, proposer: offer.proposer, at: offer.at },
  );
  return opened.ok ? ok(opened.value.key) : opened;
}

export type IncomingOutcome = {
  /** The proposal's URI (ours). */
  readonly proposal: string;
  readonly by: string;
  readonly accepted: boolean;
  readonly at: string;
  readonly revision?: string;
  readonly reason?: string;
};

/** The author's instance decided a change this instance offered: only the document's author may say so. */
export async function receiveOutcome(db: Db, outcome: IncomingOutcome): Promise<Result<boolean>> {
  const row = await findProposal(db, outcome.proposal);
  if (!row || row.id !== outcome.proposal) return fail("not_found", "docs.proposal_not_found");
  const doc = await findDocument(db, row.document);
  if (!doc || doc.local || doc.author !== outcome.by) return fail("forbidden", "docs.not_maintainer");
  if (row.state !== "open") return ok(false);
  const decided: Proposal = {
    id: row.id,
    proposer: row.proposer,
    base: row.base,
    body: row.body,
    message: row.message,
    at: row.createdAt.toISOString(),
    state: outcome.accepted ? "accepted" : "rejected",
    decision: {
      by: outcome.by,
      at: outcome.at,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.revision ? { revision: outcome.revision } : {}),
    },
  };
  return ok(await decideProposal(db, row.key, decided));
}
