import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { images } from "./images.ts";
import type { ProfileDocument } from "./json.ts";

/** The provider this instance publishes. One row (id = 1) per instance. */
export const provider = pgTable("provider", {
  id: integer("id").primaryKey().default(1),
  handle: text("handle").notNull(),
  name: text("name").notNull(),
  profile: jsonb("profile").$type<ProfileDocument>().notNull(),
  /** The icon (logo or avatar) and the header image: ids in `images`, null when there is none. */
  iconImage: text("icon_image").references(() => images.id),
  headerImage: text("header_image").references(() => images.id),
  /** Earlier actors of this provider (their URIs): a successor lists the provider it takes over from. */
  alsoKnownAs: text("also_known_as").array().notNull().default([]),
  /** The successor's actor URI once this provider has moved (closed down and handed over). */
  movedTo: text("moved_to"),
  /** The standing notice of closing, as the actor publishes it; null when there is none. */
  closing: jsonb("closing").$type<{ effective: string; successor: string }>(),
  /** Bumped on every change; caches of the actor document key on it. */
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The provider actor's key pairs, generated once and kept for the life of the instance. */
export const actorKeys = pgTable("actor_keys", {
  algorithm: text("algorithm", { enum: ["RSASSA-PKCS1-v1_5", "Ed25519"] }).primaryKey(),
  publicJwk: jsonb("public_jwk").$type<JsonWebKey>().notNull(),
  privateJwk: jsonb("private_jwk").$type<JsonWebKey>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
