import type { InboxContext } from "@fedify/fedify";
import type { Note } from "@fedify/vocab";
import { findFollowed, upsertFeedItem } from "../../domain/following/following.service.ts";
import { httpUrlOrNull } from "../../domain/html.ts";
import type { Services } from "../../services.ts";

const toDate = (instant: Temporal.Instant | null) => (instant ? new Date(instant.epochMilliseconds) : null);

/** Keeps a post by an account the provider follows (and that accepted). Returns whether it was kept. */
export async function keepFeedPost(ctx: InboxContext<Services>, note: Note, actorUri: string): Promise<boolean> {
  if (!note.id) return false;
  const followed = await findFollowed(ctx.data.database.db, actorUri);
  if (followed?.state !== "accepted") return false;
  const language = note.contents.find((c) => typeof c !== "string")?.locale.baseName ?? null;
  await upsertFeedItem(ctx.data.database.db, {
    remoteId: note.id.href,
    actorUri,
    html: note.content?.toString() ?? "",
    url: httpUrlOrNull(note.url instanceof URL ? note.url.href : note.id.href),
    language,
    publishedAt: toDate(note.published) ?? new Date(),
    updatedAt: toDate(note.updated),
  });
  return true;
}
