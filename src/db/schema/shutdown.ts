import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** This provider's notices of closing down; at most one stands at a time. */
export const shutdownNotices = pgTable(
  "shutdown_notices",
  {
    id: uuid("id").primaryKey(),
    effective: timestamp("effective", { withTimezone: true }).notNull(),
    successorUri: text("successor_uri").notNull(),
    successorInbox: text("successor_inbox").notNull(),
    successorHandle: text("successor_handle"),
    message: text("message").notNull(),
    /** The pinned announcement (a Note to followers) that makes the notice public. */
    announcementId: uuid("announcement_id").notNull(),
    /** The id of the Offer that asks the successor's consent. */
    offerId: text("offer_id").notNull().unique(),
    consent: text("consent", { enum: ["pending", "accepted", "rejected"] })
      .notNull()
      .default("pending"),
    state: text("state", { enum: ["standing", "withdrawn", "moved", "closed"] })
      .notNull()
      .default("standing"),
    /** Why a notice closed without a Move (no consent, the successor does not list this actor). */
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("shutdown_notices_one_standing").on(t.state).where(sql`${t.state} = 'standing'`)],
);

/** Requests from closing providers that this provider take over from them. */
export const successionRequests = pgTable(
  "succession_requests",
  {
    key: uuid("key").primaryKey(),
    offerId: text("offer_id").notNull().unique(),
    predecessorUri: text("predecessor_uri").notNull(),
    predecessorInbox: text("predecessor_inbox").notNull(),
    predecessorHandle: text("predecessor_handle"),
    predecessorName: text("predecessor_name"),
    effective: timestamp("effective", { withTimezone: true }).notNull(),
    message: text("message").notNull().default(""),
    state: text("state", { enum: ["pending", "accepted", "rejected", "withdrawn"] })
      .notNull()
      .default("pending"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [index("succession_requests_received_idx").on(t.receivedAt)],
);
