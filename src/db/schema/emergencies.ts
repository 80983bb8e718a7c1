import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Incidents declared by members of a network: this instance's own (`local`) and those received from
 * fellow members. `subject` is the member in trouble; `onBehalf` when someone else declared for it.
 */
export const emergencies = pgTable(
  "emergencies",
  {
    key: uuid("key").primaryKey(),
    /** The emergency's id, a URI on the declaring instance. */
    id: text("id").notNull().unique(),
    kind: text("kind", { enum: ["outage", "seizure", "deplatforming", "disaster"] }).notNull(),
    summary: text("summary").notNull(),
    /** What it needs, as markdown, and its sanitised HTML. */
    needs: text("needs").notNull(),
    needsHtml: text("needs_html").notNull(),
    declaredBy: text("declared_by").notNull(),
    subject: text("subject").notNull(),
    onBehalf: boolean("on_behalf").notNull(),
    local: boolean("local").notNull(),
    state: text("state", { enum: ["open", "resolved"] })
      .notNull()
      .default("open"),
    /** The members it was sent to (own emergencies): the resolution goes to the same. */
    recipients: text("recipients").array().notNull().default([]),
    /** The pinned public note (own emergencies). */
    announcementId: uuid("announcement_id"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("emergencies_opened_idx").on(t.openedAt)],
);
