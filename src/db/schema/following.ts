import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Accounts the provider follows (its peers): a Follow sent, and whether it was accepted. */
export const following = pgTable("following", {
  id: uuid("id").primaryKey().defaultRandom(),
  actorUri: text("actor_uri").notNull().unique(),
  /** Our Follow activity's id: an Accept or Reject names it, an Undo repeats it. */
  followId: text("follow_id").notNull(),
  inbox: text("inbox").notNull(),
  sharedInbox: text("shared_inbox"),
  handle: text("handle"),
  name: text("name"),
  /** The followed actor's ActivityStreams type (Group, Service, Person…), read when the Follow is sent; null if unknown. */
  kind: text("kind"),
  state: text("state", { enum: ["pending", "accepted", "rejected"] })
    .notNull()
    .default("pending"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
});

/** Posts received from followed accounts, newest first; edits and deletions are applied. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    remoteId: text("remote_id").notNull().unique(),
    actorUri: text("actor_uri").notNull(),
    html: text("html").notNull(),
    url: text("url"),
    language: text("language"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("feed_items_actor_idx").on(t.actorUri, t.publishedAt)],
);
