import type { InboxContext } from "@fedify/fedify";
import { Article, type Create, isActor, Mention, Note } from "@fedify/vocab";
import { receiveNote } from "../../domain/announcements/incoming.ts";
import type { Runtime } from "../../runtime.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { onArticle } from "./article.ts";
import { feedPostOf } from "./feed.ts";
import { relayToGroups } from "./group-post.ts";
import { onInquiry } from "./inquiry.ts";
import { ourAnnouncementId } from "./interaction-target.ts";
import { localIdentifiers } from "./local-targets.ts";
import { lookupOptions } from "./lookup.ts";

/**
 * A new Note: an inquiry for the operators, or a post (receiveNote decides where it goes); a shared
 * document. Either, addressed to a working group hosted here by one of its members, the group relays.
 */
export async function onCreate(ctx: InboxContext<Runtime>, create: Create): Promise<void> {
  if (!create.actorId) return;
  const note = await create.getObject(lookupOptions(ctx));
  if (note instanceof Article) {
    await relayToGroups(ctx, create, note);
    return onArticle(ctx, create.actorId, note);
  }
  if (!(note instanceof Note) || !note.id || note.attributionId?.href !== create.actorId.href) return;
  // An inquiry for the operators is a direct message, never a feed post.
  if (await onInquiry(ctx, create, note)) return;
  await relayToGroups(ctx, create, note);
  const mentions: (URL | null)[] = [];
  for await (const tag of note.getTags(lookupOptions(ctx))) if (tag instanceof Mention) mentions.push(tag.href);
  const author = async () => {
    const actor = await create.getActor(lookupOptions(ctx));
    return actor && isActor(actor)
      ? { handle: actorHandle(actor), name: actorName(actor) }
      : { handle: null, name: null };
  };
  await receiveNote(
    ctx.data.database.db,
    {
      ...feedPostOf(note as Note & { id: URL }, create.actorId.href),
      replyToAnnouncement: ourAnnouncementId(ctx, note.replyTargetId),
      mentions: localIdentifiers(ctx, mentions),
    },
    author,
  );
}
