import type { InboxContext } from "@fedify/fedify";
import { Article, isActor, Note, type Update } from "@fedify/vocab";
import { receiveNoteEdit } from "../../domain/announcements/incoming.ts";
import { receiveActorUpdate } from "../../domain/remote-actors/incoming.ts";
import type { Runtime } from "../../runtime.ts";
import { actorHandle, actorName, actorUrl } from "./actor-info.ts";
import { onArticle } from "./article.ts";
import { feedPostOf } from "./feed.ts";
import { relayToGroups } from "./group-post.ts";
import { lookupOptions } from "./lookup.ts";
import { forgetReactorNames } from "./reactor-names.ts";

/** An edited post (receiveNoteEdit), an actor's new name or inboxes (receiveActorUpdate), a document's new revision. */
export async function onUpdate(ctx: InboxContext<Runtime>, update: Update): Promise<void> {
  if (!update.actorId) return;
  const object = await update.getObject(lookupOptions(ctx));
  if (!object?.id) return;
  const { db } = ctx.data.database;
  if (object instanceof Article) {
    await relayToGroups(ctx, update, object);
    return onArticle(ctx, update.actorId, object);
  }
  if (object instanceof Note && object.attributionId?.href === update.actorId.href) {
    await receiveNoteEdit(db, feedPostOf(object as Note & { id: URL }, update.actorId.href));
  } else if (isActor(object) && object.id.href === update.actorId.href && object.inboxId) {
    forgetReactorNames(object.id.href);
    const { refetch } = await receiveActorUpdate(db, {
      actorUri: object.id.href,
      inbox: object.inboxId.href,
      sharedInbox: object.endpoints?.sharedInbox?.href ?? null,
      handle: actorHandle(object),
      name: actorName(object),
      url: actorUrl(object),
    });
    if (refetch) ctx.data.queue.wake();
  }
}
