import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Fediverse accounts following the provider. */
export const followers = pgTable(
  "followers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorUri: text("actor_uri").notNull().unique(),
    /** The Follow activity's id, so an Undo can be matched to it. */
    followId: text("follow_id"),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    handle: text("handle"),
    name: text("name"),
    url: text("url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("followers_created_idx").on(t.createdAt)],
);
