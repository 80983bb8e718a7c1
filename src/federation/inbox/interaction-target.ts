import type { InboxContext } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import { findLiveAnnouncement } from "../../domain/announcements/announcements.service.ts";
import type { Services } from "../../services.ts";

/** The id of our announcement that a URL points at, if it does. */
export async function announcementIdOf(ctx: InboxContext<Services>, url: URL | null): Promise<string | null> {
  if (!url) return null;
  const parsed = ctx.parseUri(url);
  if (parsed?.type !== "object" || parsed.class !== Note) return null;
  const id = parsed.values.id;
  return id && (await findLiveAnnouncement(ctx.data.database.db, id)) ? id : null;
}
