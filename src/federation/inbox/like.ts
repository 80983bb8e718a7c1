import type { InboxContext } from "@fedify/fedify";
import { type Announce, isActor, type Like } from "@fedify/vocab";
import { recordReaction as storeReaction, type InteractionKind } from "../../domain/announcements/interactions.service.ts";
import type { Services } from "../../services.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { ourAnnouncementId } from "./interaction-target.ts";
import { lookupOptions } from "./lookup.ts";

/** A like or a boost of one of our announcements (stored only if the announcement is live). */
export async function recordReaction(ctx: InboxContext<Services>, activity: Like | Announce, kind: InteractionKind): Promise<void> {
  if (!activity.id || !activity.actorId) return;
  const announcementId = ourAnnouncementId(ctx, activity.objectId);
  if (!announcementId) return;
  const actor = await activity.getActor(lookupOptions(ctx));
  await storeReaction(ctx.data.database.db, {
    kind,
    remoteId: activity.id.href,
    actorUri: activity.actorId.href,
    actorHandle: actor && isActor(actor) ? actorHandle(actor) : null,
    actorName: actor && isActor(actor) ? actorName(actor) : null,
    announcementId,
  });
}

export const onLike = (ctx: InboxContext<Services>, like: Like) => recordReaction(ctx, like, "like");
