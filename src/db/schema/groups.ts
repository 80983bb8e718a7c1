import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** A key pair as the provider's are kept (JWKs), stored with the group it signs for. */
export type GroupKeyColumn = {
  algorithm: "RSASSA-PKCS1-v1_5" | "Ed25519";
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
}[];

/** Working groups this instance hosts: each is a Group actor of its own, in one network. */
export const groups = pgTable("groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The actor's identifier: `@handle@host`; never the provider's handle. */
  handle: text("handle").notNull().unique(),
  name: text("name").notNull(),
  purpose: text("purpose").notNull(),
  /** The network's id (a URI): its current members join without a maintainer's approval. */
  network: text("network").notNull(),
  keys: jsonb("keys").$type<GroupKeyColumn>().notNull(),
  /** Bumped on every change; caches of the actor document key on it. */
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The accounts following a group. A `member` may have its posts relayed; an `applicant` (a follower
 * that is not a member of the group's network, a Mastodon account for one) receives the group's
 * public output until a maintainer makes it a member.
 */
export const groupFollowers = pgTable(
  "group_followers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    actorUri: text("actor_uri").notNull(),
    followId: text("follow_id"),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    handle: text("handle"),
    name: text("name"),
    role: text("role", { enum: ["member", "applicant"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("group_followers_actor_unique").on(t.groupId, t.actorUri)],
);

/** What a group relayed, by object id: a post that reaches the group twice is announced once. */
export const groupRelays = pgTable(
  "group_relays",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.objectId] })],
);

/** A group's tasks, for coordination; kept on the hosting instance only. */
export const groupTasks = pgTable(
  "group_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Who does it: an actor URI or `@handle@host`, free text the maintainers agree on. */
    assignee: text("assignee"),
    state: text("state", { enum: ["open", "doing", "done"] })
      .notNull()
      .default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_tasks_group_idx").on(t.groupId, t.createdAt)],
);
