// Database rows -> the JSON the API documents (schemas.ts). Dates become ISO 8601 strings.
import type { z } from "zod";
import type { Announcement } from "../../domain/announcements/announcements.ts";
import type { Interaction } from "../../domain/announcements/interactions.ts";
import type { Follower } from "../../domain/followers/followers.ts";
import type { Followed } from "../../domain/following/following.ts";
import { imageMediaType, imagePath } from "../../domain/images/images.ts";
import type { ProviderRecord } from "../../domain/provider/provider.repository.ts";
import type { ApiToken } from "../../domain/tokens/tokens.ts";
import type {
  announcementSchema,
  apiTokenSchema,
  followedSchema,
  followerSchema,
  interactionSchema,
  providerSchema,
} from "./schemas.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const imageJson = (id: string | null | undefined, origin: string) =>
  id ? { url: new URL(imagePath(id), origin).href, mediaType: imageMediaType(id) } : null;

export const providerJson = (p: ProviderRecord, origin: string): z.infer<typeof providerSchema> => ({
  handle: p.handle,
  name: p.name,
  profile: p.profile,
  icon: imageJson(p.iconImage, origin),
  header: imageJson(p.headerImage, origin),
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export const announcementJson = (a: Announcement, origin: string): z.infer<typeof announcementSchema> => ({
  id: a.id,
  url: new URL(`/announcements/${a.id}`, origin).href,
  content: a.source,
  html: a.html,
  language: a.language,
  hashtags: a.hashtags,
  pinned: a.pinnedAt !== null,
  pinnedAt: iso(a.pinnedAt),
  publishedAt: a.publishedAt.toISOString(),
  updatedAt: iso(a.updatedAt),
});

export const followerJson = (f: Follower): z.infer<typeof followerSchema> => ({
  id: f.id,
  actorUri: f.actorUri,
  handle: f.handle,
  name: f.name,
  url: f.url,
  createdAt: f.createdAt.toISOString(),
});

export const interactionJson = (i: Interaction): z.infer<typeof interactionSchema> => ({
  id: i.id,
  kind: i.kind,
  remoteId: i.remoteId,
  actorUri: i.actorUri,
  actorHandle: i.actorHandle,
  actorName: i.actorName,
  announcementId: i.announcementId,
  html: i.html,
  url: i.url,
  seen: i.seen,
  receivedAt: i.receivedAt.toISOString(),
});

export const followedJson = (f: Followed): z.infer<typeof followedSchema> => ({
  actorUri: f.actorUri,
  handle: f.handle,
  name: f.name,
  state: f.state,
  createdAt: f.createdAt.toISOString(),
  acceptedAt: iso(f.acceptedAt),
});

export const tokenJson = (t: ApiToken): z.infer<typeof apiTokenSchema> => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
