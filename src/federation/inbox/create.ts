import type { InboxContext } from "@fedify/fedify";
import { type Create, isActor, Mention, Note } from "@fedify/vocab";
import { recordInteraction } from "../../domain/announcements/interactions.service.ts";
import { httpUrlOrNull } from "../../domain/html.ts";
import { findProvider } from "../../domain/provider/provider.repository.ts";
import type { Services } from "../../services.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { announcementIdOf } from "./interaction-target.ts";
import { keepFeedPost } from "./feed.ts";
import { lookupOptions } from "./lookup.ts";
import { onInquiry } from "./inquiry.ts";

/**
 * A Note from a followed account goes to the feed; one that replies to an announcement or mentions
 * the provider is kept for the operators.
 */
export async function onCreate(ctx: InboxContext<Services>, create: Create): Promise<void> {
  if (!create.actorId) return;
  const note = await create.getObject(lookupOptions(ctx));
  if (!(note instanceof Note) || !note.id || note.attributionId?.href !== create.actorId.href) return;
  const provider = await findProvider(ctx.data.database.db);
  if (!provider) return;
  // An inquiry for the operators is a direct message, never a feed post.
  if (await onInquiry(ctx, create, note)) return;
  await keepFeedPost(ctx, note, create.actorId.href);
  const providerUri = ctx.getActorUri(provider.handle).href;
  const announcementId = await announcementIdOf(ctx, note.replyTargetId);
  let mentioned = false;
  for await (const tag of note.getTags(lookupOptions(ctx))) {
    if (tag instanceof Mention && tag.href?.href === providerUri) mentioned = true;
  }
  if (!announcementId && !mentioned) return;
  const author = await create.getActor(lookupOptions(ctx));
  await recordInteraction(ctx.data.database.db, {
    kind: announcementId ? "reply" : "mention",
    remoteId: note.id.href,
    actorUri: create.actorId.href,
    actorHandle: author && isActor(author) ? actorHandle(author) : null,
    actorName: author && isActor(author) ? actorName(author) : null,
    announcementId,
    html: note.content?.toString() ?? "",
    url: httpUrlOrNull(note.url instanceof URL ? note.url.href : note.id.href),
  });
}
