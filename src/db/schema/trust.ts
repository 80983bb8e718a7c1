import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What remote senders have made the instance do, counted per sender (an actor or an origin) and per
 * hour: one upsert per request both counts and reads the count, so parallel requests cannot pass
 * the limit together. Rows of past hours are pruned as new ones are counted.
 */
export const inboundQuota = pgTable(
  "inbound_quota",
  {
    sender: text("sender").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sender, t.hour] })],
);
