import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Shared documents this instance holds: its own (written here) and replicas of those it may read
 * (sent by a followed provider or a fellow network member). Who may read is the document's; what it
 * says is in its revisions.
 */
export const documents = pgTable(
  "documents",
  {
    /** The document's URI: `<author origin>/docs/<key>`, also its public page. */
    id: text("id").primaryKey(),
    /** This instance's short name for it (the author's key for its own documents). */
    key: text("key").notNull().unique(),
    /** The writing provider's actor. */
    author: text("author").notNull(),
    /** Whether it was written here (false: a replica). */
    local: boolean("local").notNull(),
    audience: text("audience", { enum: ["public", "network", "group"] }).notNull(),
    network: text("network"),
    group: text("group"),
    lang: text("lang").notNull(),
    tags: text("tags").array().notNull().default([]),
    /** Digest of the head revision. */
    head: text("head").notNull(),
    /** The author's instance no longer answers (a replica kept for reading). */
    gone: boolean("gone").notNull().default(false),
    /** The library's full-text document: the head and its translations, stemmed in their languages. */
    searchVector: tsvector("search_vector"),
    /**
     * What ranks a match: the titles, tags and summaries of the head and its translations, without the
     * bodies. Small enough to stay in the row (ADR 0007's third addendum); null until indexed.
     */
    rankVector: tsvector("rank_vector"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("documents_updated_idx").on(t.updatedAt),
    index("documents_search_idx").using("gin", t.searchVector),
    index("documents_author_idx").on(t.author),
    index("documents_tags_idx").using("gin", t.tags),
    // The library's language filter: `pt` finds `pt-BR`.
    index("documents_lang_primary_idx").on(sql`split_part(lower(${t.lang}), '-', 1)`),
  ],
);

/**
 * The words of the documents held, for the library's typo corrections (a trigram index): a word once
 * in a public document is `public` (the public page's corrections), every word also non-public.
 * Words are only added: a correction to a word no document has any more finds nothing, and is not said.
 */
export const documentWords = pgTable(
  "document_words",
  {
    word: text("word").notNull(),
    public: boolean("public").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.word, t.public] }),
    index("document_words_trgm_idx").using("gin", t.word.op("gin_trgm_ops")),
  ],
);

/** Every revision of a document, numbered in this instance's history (1, 2, 3…). */
export const documentRevisions = pgTable(
  "document_revisions",
  {
    document: text("document")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    digest: text("digest").notNull(),
    /** The actor credited: the writer, or the proposer of an accepted change. */
    author: text("author").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    lang: text("lang").notNull(),
    tags: text("tags").array().notNull().default([]),
    message: text("message").notNull().default(""),
    /** For an accepted change: the proposal's id and who accepted it. */
    proposal: text("proposal"),
    acceptedBy: text("accepted_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.document, t.number] }),
    index("document_revisions_digest_idx").on(t.document, t.digest),
  ],
);

/** One translation per document and language, naming the revision it translates. */
export const documentTranslations = pgTable(
  "document_translations",
  {
    document: text("document")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    lang: text("lang").notNull(),
    /** Digest of the revision translated. */
    revision: text("revision").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    translator: text("translator").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.document, t.lang] })],
);

/**
 * Proposed changes: those made here (to a local document or, offered, to another instance's) and those
 * offered here by other instances for a local document.
 */
export const documentProposals = pgTable(
  "document_proposals",
  {
    key: text("key").primaryKey(),
    /** The proposal's URI (`<proposer origin>/docs/proposals/<key>`): the same on both instances. */
    id: text("id").notNull(),
    document: text("document").notNull(),
    /** Digest of the revision it was made on. */
    base: text("base").notNull(),
    body: text("body").notNull(),
    message: text("message").notNull(),
    proposer: text("proposer").notNull(),
    state: text("state", { enum: ["open", "accepted", "rejected", "withdrawn"] }).notNull(),
    decidedBy: text("decided_by"),
    reason: text("reason"),
    /** The revision an accepted proposal became. */
    revision: text("revision"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [unique("document_proposals_id_unique").on(t.id), index("document_proposals_document_idx").on(t.document)],
);

/**
 * One row: a number that every change to the documents held raises (a trigger at commit, see
 * drizzle/0017; revisions, translations and search words are only written with their document's row),
 * so a library answer computed at a version holds while the version does (ADR 0007).
 */
export const libraryState = pgTable(
  "library_state",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("library_state_single_row", sql`${t.id} = 1`)],
);
