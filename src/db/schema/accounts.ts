import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The people who run the instance from the web panel. */
export const operators = pgTable("operators", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["admin", "editor"] }).notNull(),
  /** Base32 TOTP secret once a second factor is enabled. */
  totpSecret: text("totp_secret"),
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  totpLastStep: integer("totp_last_step"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Panel sessions. Only a SHA-256 of the cookie value is kept. */
export const operatorSessions = pgTable(
  "operator_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("operator_sessions_operator_idx").on(t.operatorId)],
);

/** Single-use invitations to become an operator. */
export const operatorInvites = pgTable("operator_invites", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: ["admin", "editor"] }).notNull(),
  createdBy: uuid("created_by").references(() => operators.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** The one-time first-run setup code (hashed); one row while no operator exists. */
export const setupCodes = pgTable("setup_codes", {
  id: integer("id").primaryKey().default(1),
  codeHash: text("code_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-ins, by account and by address: the rate limit counts them across processes. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_idx").on(t.key, t.at)],
);
