import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Operator API tokens. Only a SHA-256 of the token is kept; the token itself is shown once. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** The first characters, so an operator can tell tokens apart in a list. */
  prefix: text("prefix").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
