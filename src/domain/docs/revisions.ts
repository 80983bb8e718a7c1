// The history of a document: every edit is a revision, named by the digest of what it holds. The digest
// names the content (two members holding the same text compute the same name, with no counter to agree
// on); the number names its place in this history. A revert brings an earlier digest back at a new number.
import { canonicalJson, sha256 } from "../networks/canonical.ts";
import { fail, ok, type Result } from "../validation.ts";
import { type DocumentContent, normaliseTags, normaliseText } from "./document.ts";

export type Revision = {
  /** 1 for the first revision, then one more per revision. */
  readonly number: number;
  readonly digest: string;
  readonly content: DocumentContent;
  /** The actor credited: the writer, or the proposer of an accepted change. */
  readonly author: string;
  /** ISO 8601 instant. */
  readonly at: string;
  readonly message: string;
  /** For an accepted change: the proposal and who accepted it. */
  readonly proposal?: { readonly id: string; readonly acceptedBy: string };
};

/** Revisions oldest first; never empty. */
export type History = readonly Revision[];

/**
 * The canonical form a digest covers, version 1: title, summary and body in NFC with LF line ends,
 * title and summary trimmed, the canonical language tag, the tags normalised and sorted (their order is
 * not an edit), as canonical JSON (sorted keys, no whitespace).
 */
export function canonicalContent(content: DocumentContent): string {
  return canonicalJson({
    v: 1,
    title: normaliseText(content.title).trim(),
    summary: normaliseText(content.summary).trim(),
    body: normaliseText(content.body),
    lang: content.lang,
    tags: normaliseTags(content.tags).sort(),
  });
}

/** `sha256:<hex>` over the canonical form. */
export const contentDigest = (content: DocumentContent): string => sha256(canonicalContent(content));

export const head = (history: History): Revision => history[history.length - 1]!;

/** The latest revision of a digest (a revert holds the same digest at a later number), or undefined. */
export function findRevision(history: History, digest: string): Revision | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.digest === digest) return history[i];
  return undefined;
}

export type Edit = {
  readonly content: DocumentContent;
  readonly author: string;
  readonly at: string;
  readonly message?: string;
  /** The digest the editor started from; when given and not the head, the edit is refused as stale. */
  readonly base?: string;
  readonly proposal?: Revision["proposal"];
};

/** The first revision of a new document. */
export function firstRevision(edit: Omit<Edit, "base" | "proposal">): History {
  return [revision(1, edit)];
}

export type Appended = { readonly history: History; readonly revision: Revision; readonly changed: boolean };

/**
 * Appends an edit. An edit whose digest is the head's is not a revision: the history comes back as it
 * was, with `changed: false`. An edit started from an older revision (`base` not the head) is refused
 * with `conflict` / `docs.stale_base` (`{ base, head }`): the editor must see what changed first. An
 * edit dated before the head is refused as `invalid` / `docs.revision_before_head`.
 */
export function appendRevision(history: History, edit: Edit): Result<Appended> {
  const last = head(history);
  if (edit.base !== undefined && edit.base !== last.digest)
    return fail("conflict", "docs.stale_base", { vars: { base: edit.base, head: last.digest } });
  const digest = contentDigest(edit.content);
  if (digest === last.digest) return ok({ history, revision: last, changed: false });
  if (Date.parse(edit.at) < Date.parse(last.at))
    return fail("invalid", "docs.revision_before_head", { vars: { at: edit.at, head: last.at } });
  const next = revision(last.number + 1, edit, digest);
  return ok({ history: [...history, next], revision: next, changed: true });
}

function revision(number: number, edit: Omit<Edit, "base">, digest = contentDigest(edit.content)): Revision {
  const { content } = edit;
  return {
    number,
    digest,
    content: {
      title: normaliseText(content.title).trim(),
      summary: normaliseText(content.summary).trim(),
      body: normaliseText(content.body),
      lang: content.lang,
      tags: normaliseTags(content.tags),
    },
    author: edit.author,
    at: edit.at,
    message: edit.message ?? "",
    ...(edit.proposal ? { proposal: edit.proposal } : {}),
  };
}
