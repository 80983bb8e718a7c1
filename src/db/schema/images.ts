import { customType, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Images the instance publishes (the provider's icon and header), re-encoded and without metadata.
 * Kept in the database so that both databases and their backups carry them. Named by their content:
 * `<sha-256 of the bytes>.<ext>`, so a URL never changes meaning and can be cached for good.
 */
export const images = pgTable("images", {
  id: text("id").primaryKey(),
  mediaType: text("media_type").notNull(),
  bytes: bytea("bytes").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
