import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { NetworkDocument } from "./json.ts";

/**
 * The networks this instance is in, has applied to, or has left: one row per network, with this
 * instance's own place in it. Membership itself is never stored: every member folds it from the
 * signed objects below.
 */
export const networks = pgTable("networks", {
  /** The network's id (`<founder origin>/networks/<key>`). */
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  /** This instance's status: `applicant` and `rejected` are stored; the others follow the record. */
  status: text("status").notNull(),
  /** The member an application went through. */
  via: text("via"),
  /** The application's answers to the charter's questions. */
  answers: jsonb("answers").$type<Record<string, string>>(),
  applicationSentAt: timestamp("application_sent_at", { withTimezone: true }),
  /** The charter as the member an application went through published it (until the founding is held). */
  charter: jsonb("charter").$type<NetworkDocument>(),
  /** The signed founding document; null for an applicant that has not received it yet. */
  founding: jsonb("founding").$type<NetworkDocument>(),
  /** Members' statuses as this instance last showed them (actor -> status). */
  shownMembers: jsonb("shown_members").$type<Record<string, string>>().notNull().default({}),
  /** The first decision that changed after it was shown, when one did. */
  fork: jsonb("fork").$type<{ seq: number; ours: string; theirs: string }>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The signed objects of each network this instance holds, as received: `seq` grows with every insert
 * (inserts of one network are serialised), so a process reloads only what is newer than what it has.
 */
export const networkObjects = pgTable(
  "network_objects",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    network: text("network")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    /** `sha256:<hex>` of the engine object. */
    objectId: text("object_id").notNull(),
    collection: text("collection").notNull(),
    author: text("author").notNull(),
    document: jsonb("document").$type<NetworkDocument>().notNull(),
    /** When this instance received it, by its own clock (its closings list what came before a close). */
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("network_objects_id_unique").on(t.network, t.objectId),
    index("network_objects_seq_idx").on(t.network, t.seq),
  ],
);

/** The decisions this instance has shown (seq -> digest): a later fold that differs is a fork. */
export const networkDecisionsShown = pgTable(
  "network_decisions_shown",
  {
    network: text("network")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    digest: text("digest").notNull(),
    shownAt: timestamp("shown_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.network, t.seq] })],
);
