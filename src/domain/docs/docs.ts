// What operators do with shared documents: write one, edit it (each edit a revision), read it with its
// translations, compare revisions, translate. The rules are the pure core's (document.ts, revisions.ts,
// translations.ts, diff.ts); this module loads, stores, and records the events of each change in its
// transaction.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { recordEvent } from "../events.ts";
import { findFollowed } from "../following/following.ts";
import { fail, ok, type Result } from "../validation.ts";
import { diffLines, type LineDiff } from "./diff.ts";
import {
  type DocumentRow,
  findDocument,
  insertDocument,
  insertRevision,
  loadHistory,
  loadTranslations,
  saveTranslation,
  updateDocumentRow,
} from "./docs.repository.ts";
import { type Audience, parseDocument } from "./document.ts";
import { indexDocument } from "./library.ts";
import { appendRevision, findRevision, firstRevision, type History, head, type Revision } from "./revisions.ts";
import { parseTranslation, type Translation, translationState, withTranslation } from "./translations.ts";

/** The provider writing here: its actor and this instance's origin (documents live under it). */
export type Writer = { readonly actor: string; readonly origin: string };

/** Whether this provider is a current member of a network (the networks edge answers). */
export type NetworkCheck = (network: string) => Promise<boolean>;

/** A short random key, unique enough for one instance's documents and proposals. */
export const newKey = () => randomBytes(9).toString("base64url");

export const documentUri = (origin: string, key: string) => new URL(`/docs/${key}`, origin).href;

export type Written = {
  readonly key: string;
  readonly id: string;
  readonly revision: string;
  readonly number: number;
  readonly changed: boolean;
};

/**
 * Whether this provider is a member of a group: its follow of that actor was accepted and the actor is a
 * Group (an accepted follow of a provider is no membership). The group's host relays a member's documents only.
 */
export async function followsGroup(db: Db, group: string): Promise<boolean> {
  const followed = await findFollowed(db, group);
  return followed?.state === "accepted" && followed.kind === "Group";
}

async function checkAudience(db: Db, audience: Audience, memberOf: NetworkCheck): Promise<Result<null>> {
  if (audience.kind === "group" && !(await followsGroup(db, audience.group)))
    return fail("not_found", "docs.group_unknown", { vars: { group: audience.group } });
  if (audience.kind === "network" && !(await memberOf(audience.network)))
    return fail("invalid", "docs.invalid", { fields: { network: { code: "notMember" } } });
  return ok(null);
}

const audienceColumns = (audience: Audience) => ({
  audience: audience.kind,
  network: audience.kind === "network" ? audience.network : null,
  group: audience.kind === "group" ? audience.group : null,
});

/** A new document with its first revision. */
export async function createDocument(
  db: Db,
  writer: Writer,
  input: unknown,
  memberOf: NetworkCheck,
  now = new Date(),
): Promise<Result<Written>> {
  const draft = parseDocument(input);
  if (!draft.ok) return draft;
  const allowed = await checkAudience(db, draft.value.audience, memberOf);
  if (!allowed.ok) return allowed;
  const key = newKey();
  const id = documentUri(writer.origin, key);
  const history = firstRevision({ content: draft.value.content, author: writer.actor, at: now.toISOString() });
  const first = head(history);
  await db.transaction(async (tx) => {
    await insertDocument(tx, {
      id,
      key,
      author: writer.actor,
      local: true,
      ...audienceColumns(draft.value.audience),
      lang: first.content.lang,
      tags: [...first.content.tags],
      head: first.digest,
      createdAt: now,
      updatedAt: now,
    });
    await insertRevision(tx, id, first);
    await indexDocument(tx, id);
    await recordEvent(tx, { commonhost: "docs.document.published", id, created: true });
  });
  return ok({ key, id, revision: first.digest, number: 1, changed: true });
}

const notFound = () => fail("not_found", "docs.not_found");

/** A local document, or the failure to answer for one that is not held or not written here. */
async function ownDocument(db: Db, key: string): Promise<Result<DocumentRow>> {
  const row = await findDocument(db, key);
  if (!row) return notFound();
  if (!row.local) return fail("forbidden", "docs.not_maintainer");
  return ok(row);
}

/**
 * A new revision of a local document. `base` (optional) is the digest the editor started from: an edit
 * from an older revision is refused as stale. An edit identical to the head is not a revision
 * (`changed: false`, nothing recorded).
 */
export async function updateDocument(
  db: Db,
  writer: Writer,
  key: string,
  input: unknown,
  memberOf: NetworkCheck,
  now = new Date(),
): Promise<Result<Written>> {
  const found = await ownDocument(db, key);
  if (!found.ok) return found;
  const doc = found.value;
  const { base, ...rest } = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const draft = parseDocument(rest);
  if (!draft.ok) return draft;
  if (base !== undefined && typeof base !== "string")
    return fail("invalid", "docs.invalid", { fields: { base: { code: "invalid" } } });
  const { audience } = draft.value;
  const sameAudience =
    audience.kind === doc.audience &&
    (audience.kind !== "network" || audience.network === doc.network) &&
    (audience.kind !== "group" || audience.group === doc.group);
  if (!sameAudience) {
    const allowed = await checkAudience(db, audience, memberOf);
    if (!allowed.ok) return allowed;
  }
  return db.transaction(async (tx) => {
    const history = await loadHistory(tx, doc.id);
    const appended = appendRevision(history, {
      content: draft.value.content,
      author: writer.actor,
      at: now.toISOString(),
      ...(base !== undefined ? { base } : {}),
    });
    if (!appended.ok) return appended;
    const { revision, changed } = appended.value;
    if (changed || !sameAudience) {
      if (changed) await insertRevision(tx, doc.id, revision);
      await updateDocumentRow(tx, doc.id, {
        head: revision.digest,
        lang: revision.content.lang,
        tags: [...revision.content.tags],
        ...audienceColumns(audience),
        updatedAt: now,
      });
      await indexDocument(tx, doc.id);
      await recordEvent(tx, { commonhost: "docs.document.published", id: doc.id, created: false });
    }
    return ok({ key: doc.key, id: doc.id, revision: revision.digest, number: revision.number, changed });
  });
}

export type TranslationView = Translation & { readonly outdated: boolean; readonly behind: number };

export type DocumentView = {
  readonly document: DocumentRow;
  readonly history: History;
  readonly head: Revision;
  readonly translations: readonly TranslationView[];
};

/** A document held here (its own or a replica) with its history and translations, each marked outdated or not. */
export async function getDocument(db: Db, idOrKey: string): Promise<Result<DocumentView>> {
  const document = await findDocument(db, idOrKey);
  if (!document) return notFound();
  const history = await loadHistory(db, document.id);
  if (history.length === 0) return notFound();
  const translations = (await loadTranslations(db, document.id)).map((t) => ({
    ...t,
    ...translationState(history, t),
  }));
  return ok({ document, history, head: head(history), translations });
}

/** A revision by its number ("3") or its digest. */
export function revisionOf(history: History, ref: string): Revision | undefined {
  if (/^[1-9][0-9]{0,8}$/.test(ref)) return history.find((r) => r.number === Number(ref));
  return findRevision(history, ref);
}

export type RevisionDiff = { readonly from: Revision; readonly to: Revision; readonly diff: LineDiff };

/** The line diff of the bodies of two revisions of a document. */
export async function diffRevisions(db: Db, idOrKey: string, from: string, to: string): Promise<Result<RevisionDiff>> {
  const view = await getDocument(db, idOrKey);
  if (!view.ok) return view;
  const a = revisionOf(view.value.history, from);
  const b = revisionOf(view.value.history, to);
  if (!a) return fail("not_found", "docs.revision_unknown", { vars: { revision: from } });
  if (!b) return fail("not_found", "docs.revision_unknown", { vars: { revision: to } });
  return ok({ from: a, to: b, diff: diffLines(a.content.body, b.content.body) });
}

/**
 * A translation of a document held here, of its head unless the input names a revision (`of`). A
 * translation of a local document goes out with its next Article, so it is published again.
 */
export async function addTranslation(
  db: Db,
  writer: Writer,
  idOrKey: string,
  input: unknown,
  now = new Date(),
): Promise<Result<TranslationView>> {
  const view = await getDocument(db, idOrKey);
  if (!view.ok) return view;
  const { document, history, translations } = view.value;
  const withBase =
    input && typeof input === "object" && !("of" in input) ? { ...input, of: head(history).digest } : input;
  const parsed = parseTranslation(history, withBase, writer.actor, now.toISOString());
  if (!parsed.ok) return parsed;
  const translation = parsed.value;
  await db.transaction(async (tx) => {
    await saveTranslation(tx, document.id, translation);
    await indexDocument(tx, document.id);
    if (document.local) {
      await updateDocumentRow(tx, document.id, { updatedAt: now });
      await recordEvent(tx, { commonhost: "docs.document.published", id: document.id, created: false });
    }
  });
  const current = withTranslation(translations, translation).find((t) => t.lang === translation.lang)!;
  return ok({ ...current, ...translationState(history, current) });
}
