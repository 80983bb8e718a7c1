import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Fedify's key–value store: caches, idempotence records, circuit-breaker state. */
export const kvEntries = pgTable(
  "kv_entries",
  {
    key: text("key").primaryKey(),
    value: jsonb("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [index("kv_entries_expires_idx").on(t.expiresAt)],
);

/** Durable message queue: outgoing deliveries and incoming activities waiting to be processed. */
export const queueMessages = pgTable(
  "queue_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    payload: jsonb("payload").notNull(),
    orderingKey: text("ordering_key"),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker holds the message; a crashed worker's lease runs out and another takes it. */
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("queue_messages_available_idx").on(t.availableAt, t.id)],
);

/**
 * Messages whose handler failed QUEUE_MAX_ATTEMPTS times: kept for an operator to inspect and
 * requeue instead of being retried for ever (a poisoned message must not keep a worker busy).
 */
export const queueDeadLetters = pgTable("queue_dead_letters", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The id the message had in queue_messages. */
  messageId: bigint("message_id", { mode: "number" }).notNull(),
  payload: jsonb("payload").notNull(),
  orderingKey: text("ordering_key"),
  attempts: integer("attempts").notNull(),
  lastError: text("last_error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  failedAt: timestamp("failed_at", { withTimezone: true }).notNull().defaultNow(),
});
