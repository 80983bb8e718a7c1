import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AidDocument } from "./json.ts";

/**
 * Offers and requests of mutual aid held by this instance: its own (`local`) and those received from
 * fellow members of a network. The columns the API filters on are copied out of `proposal`.
 */
export const aidProposals = pgTable(
  "aid_proposals",
  {
    key: uuid("key").primaryKey(),
    /** The proposal's id, a URI on the publishing instance. */
    id: text("id").notNull().unique(),
    /** The network (its id) it was published in. */
    network: text("network").notNull(),
    author: text("author").notNull(),
    local: boolean("local").notNull(),
    purpose: text("purpose").notNull(),
    resource: text("resource").notNull(),
    region: text("region"),
    /** The domain's proposal (terms, author, published). */
    proposal: jsonb("proposal").$type<AidDocument>().notNull(),
    /** The members it was sent to (own proposals). */
    recipients: text("recipients").array().notNull().default([]),
    announcementId: uuid("announcement_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    untilAt: timestamp("until_at", { withTimezone: true }),
    /** When its author took it back before its end; a withdrawn proposal is no longer open. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    index("aid_proposals_network_idx").on(t.network, t.publishedAt),
    // The listing's order (newest first, ties by key): a page is read off the index, not sorted out of every row.
    index("aid_proposals_published_idx").on(t.publishedAt, t.key),
  ],
);

/** Agreements this provider is a party to, as both parties hold them: the same id (digest of the terms). */
export const aidAgreements = pgTable(
  "aid_agreements",
  {
    key: uuid("key").primaryKey(),
    /** The digest of the terms: the same on both sides. */
    id: text("id").notNull().unique(),
    /** The Agreement document's URI, on the instance that proposed it. */
    uri: text("uri").notNull(),
    proposal: text("proposal").notNull(),
    proposedBy: text("proposed_by").notNull(),
    provider: text("provider").notNull(),
    receiver: text("receiver").notNull(),
    state: text("state").notNull(),
    /** The domain's agreement, with its periods and both parties' signatures. */
    agreement: jsonb("agreement").$type<AidDocument>().notNull(),
    /** The Agreement document with its proposer's proof, as received (ours are signed when sent). */
    document: jsonb("document").$type<AidDocument>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("aid_agreements_created_idx").on(t.createdAt)],
);

/**
 * The health watch's report batches, this instance's own and those received from fellow members: one
 * per network, reporter and round. A reporter that signed two different batches for one round is
 * `conflicted` there, and says nothing in that round on any member.
 */
export const watchReports = pgTable(
  "watch_reports",
  {
    network: text("network").notNull(),
    reporter: text("reporter").notNull(),
    round: timestamp("round", { withTimezone: true, precision: 3 }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    /**
     * The checks, `[{ subject, service }]` in the order of `status`, as JSON text: a reporter sends the same
     * list round after round, so a reader parses each distinct text once rather than each row's.
     */
    checks: text("checks").notNull(),
    /** One character per check: "1" ok, "0" fail. */
    status: text("status").notNull(),
    conflicted: boolean("conflicted").notNull().default(false),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.network, t.reporter, t.round] }), index("watch_reports_at_idx").on(t.network, t.at)],
);
