import type { InboxContext } from "@fedify/fedify";
import type { Announce, Like } from "@fedify/vocab";
import { type Reaction, receiveReaction } from "../../domain/announcements/incoming.ts";
import type { Runtime } from "../../runtime.ts";
import { ourAnnouncementId } from "./interaction-target.ts";
import { reactorNames } from "./reactor-names.ts";

/** A like or a boost of one of our announcements (stored only if the announcement is live). */
export async function recordReaction(
  ctx: InboxContext<Runtime>,
  activity: Like | Announce,
  kind: Reaction["kind"],
): Promise<void> {
  if (!activity.id || !activity.actorId) return;
  const announcementId = ourAnnouncementId(ctx, activity.objectId);
  if (!announcementId) return;
  const { handle, name } = await reactorNames(ctx, activity, activity.actorId.href);
  await receiveReaction(ctx.data.database.db, {
    kind,
    remoteId: activity.id.href,
    actorUri: activity.actorId.href,
    actorHandle: handle,
    actorName: name,
    announcementId,
  });
}

export const onLike = (ctx: InboxContext<Runtime>, like: Like) => recordReaction(ctx, like, "like");
