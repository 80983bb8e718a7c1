import type { InboxContext } from "@fedify/fedify";
import type { Delete } from "@fedify/vocab";
import { removeInteraction, removeInteractionsByActor } from "../../domain/announcements/interactions.service.ts";
import { removeReplica } from "../../domain/directory/replica.repository.ts";
import { removeFollower } from "../../domain/followers/followers.service.ts";
import { removeFeedItem } from "../../domain/following/following.service.ts";
import type { Services } from "../../services.ts";

/** An account deleted everywhere stops following and leaves the directory; a deleted reply disappears from the operators' list. */
export async function onDelete(ctx: InboxContext<Services>, del: Delete): Promise<void> {
  if (!del.actorId || !del.objectId) return;
  const { db } = ctx.data.database;
  if (del.objectId.href === del.actorId.href) {
    await removeFollower(db, del.actorId.href);
    await removeInteractionsByActor(db, del.actorId.href);
    await removeReplica(db, del.actorId.href);
    return;
  }
  await removeInteraction(db, del.objectId.href, del.actorId.href);
  await removeFeedItem(db, del.objectId.href, del.actorId.href);
}
