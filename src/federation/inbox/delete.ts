import type { InboxContext } from "@fedify/fedify";
import type { Delete } from "@fedify/vocab";
import { receiveNoteDeletion } from "../../domain/announcements/incoming.ts";
import { receiveActorDeletion } from "../../domain/remote-actors/incoming.ts";
import type { Runtime } from "../../runtime.ts";

/** An account deleted everywhere (receiveActorDeletion), or one of its posts (receiveNoteDeletion). */
export async function onDelete(ctx: InboxContext<Runtime>, del: Delete): Promise<void> {
  if (!del.actorId || !del.objectId) return;
  const { db } = ctx.data.database;
  if (del.objectId.href === del.actorId.href) await receiveActorDeletion(db, del.actorId.href);
  else await receiveNoteDeletion(db, del.objectId.href, del.actorId.href);
}
