import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { ProfileDocument } from "./json.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The network directory: one row per known provider (peers, providers learned from peers, and this
 * instance's own), normalised from the profile each one publishes so it can be queried.
 */
export const directoryProviders = pgTable(
  "directory_providers",
  {
    actorUri: text("actor_uri").primaryKey(),
    /** This instance's own provider, kept in its own directory. */
    local: boolean("local").notNull().default(false),
    handle: text("handle"),
    name: text("name").notNull(),
    url: text("url"),
    /** The provider's icon as its actor publishes it (http(s) only; a private address is not kept). */
    iconUrl: text("icon_url"),
    /** The provider's `following` collection: where further providers are learned from. */
    followingUrl: text("following_url"),
    /** The provider's collection of its open public offers and requests (`aidProposals`), fetched on refresh. */
    proposalsUrl: text("proposals_url"),
    summary: text("summary").notNull().default(""),
    statement: text("statement").notNull().default(""),
    languages: text("languages").array().notNull().default([]),
    valueTags: text("value_tags").array().notNull().default([]),
    country: text("country"),
    region: text("region"),
    jurisdiction: text("jurisdiction"),
    spareStorageGb: real("spare_storage_gb"),
    spareAccounts: integer("spare_accounts"),
    /** A closing provider: when it closes and who takes over (as its actor says); null otherwise. */
    closingAt: timestamp("closing_at", { withTimezone: true }),
    closingSuccessor: text("closing_successor"),
    /** The successor's actor URI once the provider has moved: searchers are sent there. */
    movedTo: text("moved_to"),
    /** Network membership; null until membership exists. */
    member: boolean("member"),
    /** How the provider was found: 1 = a peer this instance follows, 2+ = learned through peers. */
    depth: integer("depth").notNull().default(1),
    /** Who told us about a learned provider. */
    learnedFrom: text("learned_from"),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** The profile version as published (validated), kept to answer "what did they say" exactly. */
    profile: jsonb("profile").$type<ProfileDocument>().notNull(),
    /** Weighted full-text document in the provider's languages (names A, services B, text C): the search index's terms. */
    searchVector: tsvector("search_vector"),
    /** The provider's folded words (names, services, values): typo-tolerant search corrects query words to them. */
    searchWords: text("search_words").notNull().default(""),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last time the provider's instance answered (200 or 304); staleness is measured from it. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("directory_providers_values_idx").using("gin", t.valueTags),
    index("directory_providers_country_idx").on(t.country),
  ],
);

/** A provider's services, one row each. */
export const directoryServices = pgTable(
  "directory_services",
  {
    actorUri: text("actor_uri")
      .notNull()
      .references(() => directoryProviders.actorUri, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    name: text("name"),
    software: text("software"),
    description: text("description"),
    url: text("url"),
    priceModel: text("price_model").notNull(),
    priceAmount: real("price_amount"),
    priceCurrency: text("price_currency"),
    pricePeriod: text("price_period"),
    availability: text("availability").notNull(),
    supportLanguages: text("support_languages").array().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.actorUri, t.position] }),
    index("directory_services_kind_idx").on(t.kind, t.actorUri),
    index("directory_services_langs_idx").using("gin", t.supportLanguages),
  ],
);

/**
 * A provider's open public offers and requests of mutual aid, as its public collection listed them at
 * the last refresh (replaced whole each time). Network-only proposals are never stored here.
 */
export const directoryProposals = pgTable(
  "directory_proposals",
  {
    actorUri: text("actor_uri")
      .notNull()
      .references(() => directoryProviders.actorUri, { onDelete: "cascade" }),
    /** The Proposal's id, a URI on the provider's instance. */
    id: text("id").notNull(),
    position: integer("position").notNull(),
    purpose: text("purpose", { enum: ["offer", "request"] }).notNull(),
    resource: text("resource").notNull(),
    quantityValue: real("quantity_value").notNull(),
    quantityUnit: text("quantity_unit").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull(),
    untilAt: timestamp("until_at", { withTimezone: true }),
    region: text("region"),
  },
  (t) => [primaryKey({ columns: [t.actorUri, t.id] })],
);

/** Messages from movement groups to a provider, delivered by federation to that provider only. */
export const inquiries = pgTable(
  "inquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "received": for our operators; "sent": waiting for / handed to delivery. */
    direction: text("direction", { enum: ["received", "sent"] }).notNull(),
    /** The remote activity id (received) or ours (sent): a repeat delivery is stored once. */
    activityId: text("activity_id").notNull().unique(),
    /** The instance that relayed it (received) or the provider it is for (sent). */
    peerActorUri: text("peer_actor_uri").notNull(),
    senderName: text("sender_name").notNull(),
    senderEmail: text("sender_email").notNull(),
    organisation: text("organisation"),
    message: text("message").notNull(),
    needs: text("needs"),
    language: text("language"),
    seen: boolean("seen").notNull().default(false),
    /** Where the operators are with it: new, answered (replied to, outside Commonhost) or archived. */
    state: text("state", { enum: ["new", "answered", "archived"] })
      .notNull()
      .default("new"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("inquiries_created_idx").on(t.direction, t.createdAt),
    index("inquiries_state_idx").on(t.direction, t.state),
  ],
);

/** Contact forms sent from each address in the last hour (pruned as they age), for the per-address limit. */
export const contactAttempts = pgTable(
  "contact_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contact_attempts_address_idx").on(t.address, t.at)],
);

/**
 * One row: a number that every change to the directory's providers raises (a trigger, see
 * drizzle/0002 and 0005; services are only written with their provider), so a search answer or
 * index computed at a version is known to hold while the version does.
 */
export const directoryState = pgTable(
  "directory_state",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    /** The change log holds every change after this version; an index older than it reloads. */
    changesFrom: bigint("changes_from", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("directory_state_single_row", sql`${t.id} = 1`)],
);

/**
 * Which provider each version changed (written by the same trigger), so a search index kept in
 * memory reads only what changed since its version. Pruned to the newest entries.
 */
export const directoryChanges = pgTable("directory_changes", {
  version: bigint("version", { mode: "number" }).primaryKey(),
  actorUri: text("actor_uri").notNull(),
  /** Whether the profile may have changed (a new fetch, an insert, a delete), not just when it was seen. */
  profile: boolean("profile").notNull().default(true),
});
