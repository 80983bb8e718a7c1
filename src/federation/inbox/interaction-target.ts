import type { InboxContext } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import { findLiveAnnouncement } from "../../domain/announcements/announcements.service.ts";
import type { Services } from "../../services.ts";

/** The id of the announcement a URL names, if it is one of ours (live or not). */
export function ourAnnouncementId(ctx: InboxContext<Services>, url: URL | null): string | null {
  if (!url) return null;
  const parsed = ctx.parseUri(url);
  return parsed?.type === "object" && parsed.class === Note ? (parsed.values.id ?? null) : null;
}

/** The id of our live announcement that a URL points at, if it does. */
export async function announcementIdOf(ctx: InboxContext<Services>, url: URL | null): Promise<string | null> {
  const id = ourAnnouncementId(ctx, url);
  return id && (await findLiveAnnouncement(ctx.data.database.db, id)) ? id : null;
}
