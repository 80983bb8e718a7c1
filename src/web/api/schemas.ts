// The shapes of the operator API: request bodies, query strings and responses. The routes validate
// with these, and the OpenAPI document is generated from them, so the two cannot drift apart.
import { z } from "zod";
import { announcementInputSchema } from "../../domain/announcements/announcements.ts";
import { profileSchema, providerNameSchema } from "../../domain/profile/profile.schema.ts";

/** Request schemas are documented as the client sends them (defaults optional). */
export const requestSchemas = z.registry<{ id: string; description?: string }>();
/** Response schemas are documented as the server sends them (defaults filled in). */
export const responseSchemas = z.registry<{ id: string; description?: string }>();

const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();
const uuid = z.uuid({ message: "expected an id" });
const limit = z.coerce
  .number({ message: "expected a whole number" })
  .int({ message: "expected a whole number" })
  .min(1, { message: "at least 1" })
  .max(100, { message: "at most 100" })
  .default(20)
  .describe("How many items to return (1 to 100).");

export const errorSchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        "A stable, machine-readable code: unauthorized, invalid, not_found, bad_request, too_large, unsupported_media_type, conflict…",
      ),
    message: z.string().describe("What went wrong, for a person."),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe("Every field that is not valid, by dotted path (profile.services.0.price.amount)."),
  }),
});
responseSchemas.add(errorSchema, { id: "Error", description: "The one error shape of the API." });

// --- profile ---
export const profileUpdateSchema = z.object({ name: providerNameSchema, profile: profileSchema });
requestSchemas.add(profileSchema, {
  id: "ProfileInput",
  description: "The provider profile; the same JSON as the file given to `commonhost setup --profile`.",
});
requestSchemas.add(profileUpdateSchema, {
  id: "ProviderUpdate",
  description: "Replaces the name and the whole profile.",
});

export const imageSchema = z.object({
  url: z.url().describe("Content-addressed: cached for good; a new image gets a new URL."),
  mediaType: z.enum(["image/jpeg", "image/png"]),
});
responseSchemas.add(imageSchema, { id: "Image", description: "An image the instance serves, as on the actor." });

export const providerSchema = z.object({
  handle: z.string(),
  name: z.string(),
  profile: profileSchema,
  icon: imageSchema.nullable().describe("The logo or avatar (400×400), published as the actor's `icon`."),
  header: imageSchema.nullable().describe("The header image (1500×500), published as the actor's `image`."),
  version: z.number().int().describe("Bumped on every change."),
  updatedAt: timestamp,
});
responseSchemas.add(profileSchema, { id: "Profile" });
responseSchemas.add(providerSchema, { id: "Provider" });

// --- announcements ---
export const announcementCreateSchema = announcementInputSchema;
export const announcementPatchSchema = announcementInputSchema.partial();
requestSchemas.add(announcementCreateSchema, { id: "AnnouncementCreate" });
requestSchemas.add(announcementPatchSchema, { id: "AnnouncementPatch", description: "Only the fields given change." });

export const announcementSchema = z.object({
  id: z.uuid(),
  url: z.url(),
  content: z.string().describe("The markdown source."),
  html: z.string().describe("The rendered, sanitised HTML sent to followers."),
  language: z.string().nullable(),
  hashtags: z.array(z.string()),
  pinned: z.boolean(),
  pinnedAt: nullableTimestamp,
  publishedAt: timestamp,
  updatedAt: nullableTimestamp,
});
export const announcementPageSchema = page(announcementSchema);
responseSchemas.add(announcementSchema, { id: "Announcement" });
responseSchemas.add(announcementPageSchema, { id: "AnnouncementPage" });

// --- followers, interactions ---
export const followerSchema = z.object({
  id: z.uuid(),
  actorUri: z.url(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: timestamp,
});
export const followerPageSchema = page(followerSchema).extend({ total: z.number().int() });
responseSchemas.add(followerSchema, { id: "Follower" });
responseSchemas.add(followerPageSchema, { id: "FollowerPage" });

export const interactionKinds = ["reply", "mention", "like", "boost"] as const;
export const interactionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(interactionKinds),
  remoteId: z.string(),
  actorUri: z.string(),
  actorHandle: z.string().nullable(),
  actorName: z.string().nullable(),
  announcementId: z.uuid().nullable(),
  html: z.string().nullable().describe("Sanitised HTML of a reply or mention."),
  url: z.string().nullable(),
  seen: z.boolean(),
  receivedAt: timestamp,
});
export const interactionPageSchema = page(interactionSchema);
responseSchemas.add(interactionSchema, { id: "Interaction" });
responseSchemas.add(interactionPageSchema, { id: "InteractionPage" });

// --- following ---
export const followRequestSchema = z.object({
  target: z
    .string()
    .trim()
    .min(1, { message: "a handle or an actor URL is required" })
    .max(2048)
    .describe("@handle@host or https://…/actor"),
});
requestSchemas.add(followRequestSchema, { id: "FollowRequest" });

export const followedSchema = z.object({
  actorUri: z.url(),
  handle: z.string().nullable(),
  name: z.string().nullable(),
  state: z.enum(["pending", "accepted", "rejected"]),
  createdAt: timestamp,
  acceptedAt: nullableTimestamp,
});
export const followingListSchema = z.object({ items: z.array(followedSchema) });
responseSchemas.add(followedSchema, { id: "Followed" });
responseSchemas.add(followingListSchema, { id: "FollowingList" });

// --- tokens ---
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, { message: "a name is required" }).max(100, { message: "at most 100 characters" }),
});
requestSchemas.add(tokenCreateSchema, { id: "TokenCreate" });

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters, to tell tokens apart."),
  createdAt: timestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({
  token: z.string().describe("The secret token. It is shown only this once."),
});
export const tokenListSchema = z.object({ items: z.array(apiTokenSchema) });
responseSchemas.add(apiTokenSchema, { id: "ApiToken" });
responseSchemas.add(apiTokenCreatedSchema, { id: "ApiTokenCreated" });
responseSchemas.add(tokenListSchema, { id: "TokenList" });

// --- parameters ---
export const idParams = z.object({ id: uuid.describe("The item's id.") });
export const pageQuery = z.object({
  before: z.string().max(200).optional().describe("The `next` value of the previous page: returns the items after it."),
  limit,
});
export const announcementPageQuery = z.object({
  before: uuid
    .optional()
    .describe("An announcement id (the `next` value of the previous page): returns older announcements."),
  limit,
});
export const interactionPageQuery = pageQuery.extend({
  kind: z.enum(interactionKinds).optional().describe("Only this kind."),
});
export const unfollowQuery = z.object({
  actor: z.url({ message: "expected the actor's URL" }).describe("The followed actor's URL."),
});

function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next: z.string().nullable().describe("Pass as `before` to get the next page; null on the last page."),
  });
}

// --- queue ---
export const deadLetterSchema = z.object({
  id: z.number().int().describe("The id the message had on the queue: what retry and drop take."),
  description: z.string().describe("What it is, in a few words (`fedify outbox: Create to https://…/inbox`)."),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  queuedAt: timestamp,
  failedAt: timestamp,
});
export const queueSchema = z.object({
  queued: z.number().int().describe("Every message on the queue."),
  ready: z.number().int().describe("Waiting for a worker now."),
  delayed: z.number().int().describe("Waiting for their time: a retry pause or a scheduled delivery."),
  inProgress: z.number().int().describe("Held by a worker now."),
  retrying: z.number().int().describe("Failed at least once and waiting for another try."),
  deadLetters: z.number().int().describe("Given up on after the last try."),
  dead: z.array(deadLetterSchema).describe("The most recent dead letters first."),
});
export const deadLetterRetriedSchema = z.object({
  id: z.number().int().describe("The dead letter's id."),
  messageId: z.number().int().describe("Its new id on the queue."),
});
responseSchemas.add(deadLetterSchema, { id: "DeadLetter" });
responseSchemas.add(queueSchema, { id: "Queue" });
responseSchemas.add(deadLetterRetriedSchema, { id: "DeadLetterRetried" });
