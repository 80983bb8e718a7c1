import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Announcements the operators post: Notes to followers. Deleted ones stay as tombstones. */
export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey(),
    source: text("source").notNull(),
    html: text("html").notNull(),
    language: text("language"),
    /** A content warning: shown before the text, which followers' apps fold behind it. */
    summary: text("summary"),
    hashtags: text("hashtags").array().notNull().default([]),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("announcements_published_idx").on(t.publishedAt)],
);

/** Replies, mentions, likes and boosts received from the fediverse, kept for the operators. */
export const interactions = pgTable(
  "interactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["reply", "mention", "like", "boost"] }).notNull(),
    /** The activity (Like, Announce) or object (Note) id: one row per remote thing. */
    remoteId: text("remote_id").notNull().unique(),
    actorUri: text("actor_uri").notNull(),
    actorHandle: text("actor_handle"),
    actorName: text("actor_name"),
    announcementId: uuid("announcement_id"),
    html: text("html"),
    url: text("url"),
    seen: boolean("seen").notNull().default(false),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("interactions_received_idx").on(t.receivedAt)],
);
