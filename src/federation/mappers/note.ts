// Announcements as Notes that Mastodon renders: public, to followers, with hashtags and markdown source.
import type { Context } from "@fedify/fedify";
import { Create, Hashtag, LanguageString, Note, PUBLIC_COLLECTION, Source } from "@fedify/vocab";
import type { Announcement } from "../../domain/announcements/announcements.ts";
import type { Runtime } from "../../runtime.ts";

export const tagUrl = (origin: string, tag: string) => new URL(`/tags/${encodeURIComponent(tag)}`, origin);

export function announcementToNote(ctx: Context<Runtime>, handle: string, row: Announcement): Note {
  return new Note({
    id: ctx.getObjectUri(Note, { id: row.id }),
    attribution: ctx.getActorUri(handle),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(handle),
    // A plain content for every reader, and contentMap with the language for those that use it.
    contents: row.language ? [row.html, new LanguageString(row.html, row.language)] : [row.html],
    // A content warning: Mastodon shows `summary` as the spoiler text and folds the rest behind it.
    ...(row.summary ? { summary: row.summary, sensitive: true } : {}),
    source: new Source({ content: row.source, mediaType: "text/markdown" }),
    url: ctx.getObjectUri(Note, { id: row.id }),
    published: Temporal.Instant.fromEpochMilliseconds(row.publishedAt.getTime()),
    updated: row.updatedAt ? Temporal.Instant.fromEpochMilliseconds(row.updatedAt.getTime()) : null,
    tags: row.hashtags.map((tag) => new Hashtag({ name: `#${tag}`, href: tagUrl(ctx.origin, tag) })),
  });
}

export function announcementToCreate(ctx: Context<Runtime>, handle: string, row: Announcement): Create {
  const note = announcementToNote(ctx, handle, row);
  return new Create({
    id: new URL(`${note.id!.href}#create`),
    actor: ctx.getActorUri(handle),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(handle),
    object: note,
    published: note.published,
  });
}
