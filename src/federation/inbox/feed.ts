import type { Note } from "@fedify/vocab";
import type { FeedPost } from "../../domain/following/incoming.ts";
import { httpUrlOrNull } from "../../domain/html.ts";

const toDate = (instant: Temporal.Instant | null) => (instant ? new Date(instant.epochMilliseconds) : null);

/** A Note as a post for the feed of followed accounts (whether it is kept is the domain's decision). */
export function feedPostOf(note: Note & { id: URL }, actorUri: string): FeedPost {
  const language = note.contents.find((c) => typeof c !== "string")?.locale.baseName ?? null;
  return {
    remoteId: note.id.href,
    actorUri,
    html: note.content?.toString() ?? "",
    url: httpUrlOrNull(note.url instanceof URL ? note.url.href : note.id.href),
    language,
    publishedAt: toDate(note.published) ?? new Date(),
    updatedAt: toDate(note.updated),
  };
}
