import type { InboxContext } from "@fedify/fedify";
import { type Announce, isActor, type Like } from "@fedify/vocab";
import { recordInteraction, type InteractionKind } from "../../domain/announcements/interactions.service.ts";
import type { Services } from "../../services.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { announcementIdOf } from "./interaction-target.ts";
import { lookupOptions } from "./lookup.ts";

/** A like or a boost of one of our announcements. */
export async function recordReaction(ctx: InboxContext<Services>, activity: Like | Announce, kind: InteractionKind): Promise<void> {
  if (!activity.id || !activity.actorId) return;
  const announcementId = await announcementIdOf(ctx, activity.objectId);
  if (!announcementId) return;
  const actor = await activity.getActor(lookupOptions(ctx));
  await recordInteraction(ctx.data.database.db, {
    kind,
    remoteId: activity.id.href,
    actorUri: activity.actorId.href,
    actorHandle: actor && isActor(actor) ? actorHandle(actor) : null,
    actorName: actor && isActor(actor) ? actorName(actor) : null,
    announcementId,
    html: null,
    url: null,
  });
}

export const onLike = (ctx: InboxContext<Services>, like: Like) => recordReaction(ctx, like, "like");
