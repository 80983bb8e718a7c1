// /api/v1/docs: shared documents. Write one, edit it (each edit a revision), read it with its
// translations, list and compare revisions, translate, and propose, accept or reject changes. The
// decisions are the domain's (src/domain/docs/); a token acts with an admin's rights, as everywhere.
import type { Context } from "hono";
import { decideChange, proposalsHeld, proposeChange } from "../../domain/docs/changes.ts";
import { addTranslation, createDocument, diffRevisions, getDocument, updateDocument } from "../../domain/docs/docs.ts";
import { listDocuments } from "../../domain/docs/docs.repository.ts";
import type { Failure } from "../../domain/validation.ts";
import type { WebDeps } from "../deps.ts";
import { docsWriter } from "../docs-writer.ts";
import { apiFailure } from "../errors.ts";
import {
  diffQuery,
  docInputSchema,
  docParams,
  docUpdateSchema,
  documentListSchema,
  documentSchema,
  diffSchema,
  proposalInputSchema,
  proposalListSchema,
  proposalParams,
  proposalSchema,
  revisionListSchema,
  translationInputSchema,
  translationSchema,
  writtenSchema,
} from "./docs-schemas.ts";
import { documentJson, proposalJson, revisionJson, summaryJson } from "./docs-serialize.ts";
import { failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Documents";

/** A failure naming fields is about what was sent: 422. The others keep their status (403, 404, 409). */
const refused = (c: Context, failure: Failure) =>
  failure.fields ? apiFailure(c, { ...failure, code: "invalid" }, 422) : failureResponse(c, failure);

export function docsApiRoutes(deps: WebDeps): RouteSpec[] {
  const { db } = deps.services.database;
  const { writer, memberOf } = docsWriter(deps);
  const notSetUp = (c: Context) => failureResponse(c, { code: "not_found", reason: "provider.notSetUp" });

  // The proposals first: "/v1/docs/proposals" is not a document's key.
  return [
    defineRoute({
      method: "post",
      path: "/v1/docs/proposals",
      operationId: "proposeChange",
      tag: TAG,
      summary: "Propose a change to a document",
      description:
        "A change to another instance's document is offered to its author's instance, which accepts or rejects it.",
      body: proposalInputSchema,
      responses: { 201: { description: "The open proposal.", schema: proposalSchema } },
      errors: [404],
      async handle(c, { body }) {
        const self = await writer();
        if (!self) return notSetUp(c);
        const result = await proposeChange(db, self, body);
        return result.ok ? c.json(proposalJson(result.value), 201) : refused(c, result.error);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/docs/proposals",
      operationId: "listProposals",
      tag: TAG,
      summary: "Proposals made here and offered here",
      responses: { 200: { description: "The newest first.", schema: proposalListSchema } },
      async handle(c) {
        return c.json({ items: (await proposalsHeld(db)).map(proposalJson) });
      },
    }),
    ...(["accept", "reject"] as const).map((verb) =>
      defineRoute({
        method: "post",
        path: `/v1/docs/proposals/:key/${verb}`,
        operationId: `${verb}Proposal`,
        tag: TAG,
        summary:
          verb === "accept" ? "Accept a proposal: the next revision, credited to the proposer" : "Reject a proposal",
        description:
          verb === "accept"
            ? "A proposal made on an older revision is merged by lines; a conflict is refused (409)."
            : "The proposer of another instance hears it.",
        params: proposalParams,
        responses: { 200: { description: "The decided proposal.", schema: proposalSchema } },
        errors: [403, 404, 409],
        async handle(c, { params }) {
          const self = await writer();
          if (!self) return notSetUp(c);
          const result = await decideChange(db, self, params.key, verb === "accept");
          return result.ok ? c.json(proposalJson(result.value)) : refused(c, result.error);
        },
      }),
    ),
    defineRoute({
      method: "get",
      path: "/v1/docs",
      operationId: "listDocuments",
      tag: TAG,
      summary: "Documents held here: written here, and replicas of other instances' documents",
      responses: { 200: { description: "The most recently changed first.", schema: documentListSchema } },
      async handle(c) {
        const items = await listDocuments(db);
        return c.json({ items: items.map(({ doc, head }) => summaryJson(doc, head)) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/docs",
      operationId: "createDocument",
      tag: TAG,
      summary: "Write a document",
      description:
        "Its first revision. A public document goes to the provider's followers as an `Article`; a network document to the network's current members only.",
      body: docInputSchema,
      responses: { 201: { description: "The new document and its first revision.", schema: writtenSchema } },
      errors: [404],
      async handle(c, { body }) {
        const self = await writer();
        if (!self) return notSetUp(c);
        const result = await createDocument(db, self, body, memberOf(self));
        return result.ok ? c.json(result.value, 201) : refused(c, result.error);
      },
    }),
    defineRoute({
      method: "put",
      path: "/v1/docs/:key",
      operationId: "reviseDocument",
      tag: TAG,
      summary: "Edit a document: a new revision",
      description:
        "The whole document again. An edit identical to the head makes no revision (`changed: false`). With `base`, an edit started from an older revision is refused (409).",
      params: docParams,
      body: docUpdateSchema,
      responses: { 200: { description: "The head after the edit.", schema: writtenSchema } },
      errors: [403, 404, 409],
      async handle(c, { params, body }) {
        const self = await writer();
        if (!self) return notSetUp(c);
        const result = await updateDocument(db, self, params.key, body, memberOf(self));
        return result.ok ? c.json(result.value) : refused(c, result.error);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/docs/:key",
      operationId: "getDocument",
      tag: TAG,
      summary: "A document, its translations, and whether each is outdated",
      description: "`key` is this instance's key for the document or its id (URI), URL-encoded.",
      params: docParams,
      responses: { 200: { description: "The head revision and the translations.", schema: documentSchema } },
      errors: [404],
      async handle(c, { params }) {
        const result = await getDocument(db, params.key);
        return result.ok ? c.json(documentJson(result.value)) : refused(c, result.error);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/docs/:key/revisions",
      operationId: "listRevisions",
      tag: TAG,
      summary: "A document's revisions, with their digests and authors",
      params: docParams,
      responses: { 200: { description: "Oldest first.", schema: revisionListSchema } },
      errors: [404],
      async handle(c, { params }) {
        const result = await getDocument(db, params.key);
        if (!result.ok) return refused(c, result.error);
        return c.json({ items: result.value.history.map(revisionJson) });
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/docs/:key/diff",
      operationId: "diffRevisions",
      tag: TAG,
      summary: "The line diff between two revisions' bodies",
      description: "Hunks with three lines of context; changed lines carry the words that changed.",
      params: docParams,
      query: diffQuery,
      responses: { 200: { description: "The diff.", schema: diffSchema } },
      errors: [404],
      async handle(c, { params, query }) {
        const result = await diffRevisions(db, params.key, query.from, query.to);
        if (!result.ok) return refused(c, result.error);
        const { from, to, diff } = result.value;
        return c.json({ from: revisionJson(from), to: revisionJson(to), ...diff });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/docs/:key/translations",
      operationId: "translateDocument",
      tag: TAG,
      summary: "Add a translation (replacing an earlier one in the same language)",
      description: "Of the head revision unless `of` names another; outdated once the original has a newer revision.",
      params: docParams,
      body: translationInputSchema,
      responses: { 201: { description: "The translation.", schema: translationSchema } },
      errors: [404],
      async handle(c, { params, body }) {
        const self = await writer();
        if (!self) return notSetUp(c);
        const result = await addTranslation(db, self, params.key, body);
        return result.ok ? c.json(result.value, 201) : refused(c, result.error);
      },
    }),
  ];
}
