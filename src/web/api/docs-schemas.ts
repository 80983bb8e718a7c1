// The shapes of /api/v1/docs: what operators send to write, translate and propose, and what the API
// answers. Requests are described loosely here (types only): the domain checks the values and names
// each bad field with a code (src/domain/docs/document.ts).
import { z } from "zod";
import { AUDIENCES } from "../../domain/docs/document.ts";
import { PROPOSAL_STATES } from "../../domain/docs/proposals.ts";
import { requestSchemas, responseSchemas } from "./schemas.ts";

const timestamp = z.iso.datetime({ offset: true });
const digest = z.string().describe("A revision's digest, `sha256:<hex>` of its canonical content.");

// --- requests ---
export const docInputSchema = z.object({
  title: z.string().describe("At most 200 characters."),
  summary: z.string().optional().describe("At most 500 characters."),
  body: z.string().describe("Markdown, at most 200 KB."),
  lang: z.string().describe("A BCP 47 language tag (`en`, `pt-BR`)."),
  tags: z.array(z.string()).optional().describe("At most 20; `#Ops` and `ops` are one tag."),
  audience: z.enum(AUDIENCES).describe("`network` needs `network`; `group` needs `group`."),
  network: z.string().optional().describe("The network's id, for a `network` audience."),
  group: z.string().optional().describe("The working group's actor, for a `group` audience."),
});
export const docUpdateSchema = docInputSchema.extend({
  base: digest.optional().describe("The revision the edit started from: an edit from an older one is refused (409)."),
});
export const translationInputSchema = z.object({
  lang: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  body: z.string(),
  of: digest.optional().describe("The revision translated; the head unless given."),
});
export const proposalInputSchema = z.object({
  doc: z.string().describe("The document's id (its URI) or this instance's key for it."),
  body: z.string().describe("The whole proposed body, in markdown."),
  message: z.string().describe("What the change does and why, at most 1000 characters."),
  base: digest.optional().describe("The revision the change was made on; the head unless given."),
});
requestSchemas.add(docInputSchema, { id: "DocumentInput" });
requestSchemas.add(docUpdateSchema, { id: "DocumentUpdate" });
requestSchemas.add(translationInputSchema, { id: "TranslationInput" });
requestSchemas.add(proposalInputSchema, { id: "ProposalInput" });

export const docParams = z.object({ key: z.string().min(1).max(2048) });
export const proposalParams = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const diffQuery = z.object({
  from: z.string().min(1).max(80).describe("A revision number or digest."),
  to: z.string().min(1).max(80).describe("A revision number or digest."),
});

// --- responses ---
export const writtenSchema = z.object({
  key: z.string(),
  id: z.string().describe("The document's URI, also its public page."),
  revision: digest,
  number: z.number().int(),
  changed: z.boolean().describe("False when the edit was identical to the head: no revision was made."),
});
const translationSchema = z.object({
  lang: z.string(),
  of: digest,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  translator: z.string(),
  at: timestamp,
  outdated: z.boolean().describe("The original has a newer revision than the one translated."),
  behind: z.number().int(),
});
export const documentSchema = z.object({
  key: z.string(),
  id: z.string(),
  url: z.string(),
  author: z.string(),
  local: z.boolean().describe("Written here (false: a replica of another instance's document)."),
  gone: z.boolean(),
  audience: z.enum(AUDIENCES),
  network: z.string().nullable(),
  group: z.string().nullable(),
  revision: digest,
  number: z.number().int(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  lang: z.string(),
  tags: z.array(z.string()),
  created: timestamp,
  updated: timestamp,
  translations: z.array(translationSchema),
});
export const documentListSchema = z.object({
  items: z.array(documentSchema.omit({ body: true, translations: true })),
});
const revisionSchema = z.object({
  number: z.number().int(),
  digest,
  author: z.string().describe("The actor credited: the writer, or the proposer of an accepted change."),
  at: timestamp,
  message: z.string(),
  title: z.string(),
  proposal: z.object({ id: z.string(), acceptedBy: z.string() }).optional(),
});
export const revisionListSchema = z.object({ items: z.array(revisionSchema) });
const diffLine = z.object({
  kind: z.enum(["context", "delete", "insert"]),
  text: z.string(),
  old: z.number().int().optional(),
  new: z.number().int().optional(),
  words: z.array(z.object({ kind: z.enum(["same", "delete", "insert"]), text: z.string() })).optional(),
});
export const diffSchema = z.object({
  from: revisionSchema,
  to: revisionSchema,
  added: z.number().int(),
  removed: z.number().int(),
  approximate: z.boolean(),
  hunks: z.array(
    z.object({
      oldStart: z.number().int(),
      oldLines: z.number().int(),
      newStart: z.number().int(),
      newLines: z.number().int(),
      lines: z.array(diffLine),
    }),
  ),
});
export const proposalSchema = z.object({
  key: z.string(),
  id: z.string(),
  doc: z.string(),
  base: digest,
  body: z.string(),
  message: z.string(),
  proposer: z.string(),
  state: z.enum(PROPOSAL_STATES),
  created: timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  reason: z.string().nullable(),
  revision: digest.nullable().describe("The revision an accepted proposal became."),
});
export const proposalListSchema = z.object({ items: z.array(proposalSchema) });
export { translationSchema };
responseSchemas.add(writtenSchema, { id: "DocumentWritten" });
responseSchemas.add(documentSchema, { id: "Document" });
responseSchemas.add(revisionSchema, { id: "Revision" });
responseSchemas.add(diffSchema, { id: "RevisionDiff" });
responseSchemas.add(translationSchema, { id: "Translation" });
responseSchemas.add(proposalSchema, { id: "Proposal" });
