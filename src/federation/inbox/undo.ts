import type { InboxContext } from "@fedify/fedify";
import { Announce, Follow, Like, Offer, type Undo } from "@fedify/vocab";
import { withdrawReaction } from "../../domain/announcements/incoming.ts";
import { receiveUnfollow } from "../../domain/followers/incoming.ts";
import { receiveGroupUnfollow } from "../../domain/groups/incoming.ts";
import { withdrawSuccession } from "../../domain/shutdown/successions.ts";
import type { Runtime } from "../../runtime.ts";
import { lookupOptions } from "./lookup.ts";

/** Undo of a Follow unfollows; of a Like or a boost withdraws it; of an Offer of succession withdraws it. Only the author may undo. */
export async function onUndo(ctx: InboxContext<Runtime>, undo: Undo): Promise<void> {
  if (!undo.actorId) return;
  const object = await undo.getObject(lookupOptions(ctx));
  // A closing provider withdrew its notice: its request to be succeeded lapses.
  if (object instanceof Offer && object.id && object.actorId?.href === undo.actorId.href) {
    await withdrawSuccession(ctx.data.database.db, object.id.href, undo.actorId.href);
    return;
  }
  if (!(object instanceof Follow || object instanceof Like || object instanceof Announce)) return;
  if (!object.id || object.actorId?.href !== undo.actorId.href) return;
  const { db } = ctx.data.database;
  if (object instanceof Follow) {
    // Leaving a working group: only that group's follow is undone, never the provider's.
    const target = object.objectId ? ctx.parseUri(object.objectId) : null;
    if (target?.type === "actor" && (await receiveGroupUnfollow(db, target.identifier, undo.actorId.href))) return;
    await receiveUnfollow(db, undo.actorId.href, object.id.href);
  } else await withdrawReaction(db, object.id.href, undo.actorId.href);
}
