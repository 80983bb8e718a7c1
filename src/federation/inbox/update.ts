import type { InboxContext } from "@fedify/fedify";
import { isActor, Note, type Update } from "@fedify/vocab";
import { updateInteractionContent } from "../../domain/announcements/interactions.service.ts";
import { refreshFollower } from "../../domain/followers/followers.service.ts";
import { findReplica } from "../../domain/directory/replica.repository.ts";
import { findFollowed, refreshFollowed } from "../../domain/following/following.service.ts";
import type { DomainEvent } from "../../domain/events.ts";
import type { Services } from "../../services.ts";
import { actorHandle, actorName, actorUrl } from "./actor-info.ts";
import { keepFeedPost } from "./feed.ts";
import { lookupOptions } from "./lookup.ts";
import { forgetReactorNames } from "./reactor-names.ts";

/** An edited post or reply is edited here too; a follower's or followed account's new name or inbox is kept. */
export async function onUpdate(ctx: InboxContext<Services>, update: Update): Promise<void> {
  if (!update.actorId) return;
  const object = await update.getObject(lookupOptions(ctx));
  if (!object?.id) return;
  const { db } = ctx.data.database;
  if (object instanceof Note && object.attributionId?.href === update.actorId.href) {
    await updateInteractionContent(db, object.id.href, update.actorId.href, object.content?.toString() ?? "");
    await keepFeedPost(ctx, object, update.actorId.href);
  } else if (isActor(object) && object.id.href === update.actorId.href && object.inboxId) {
    const fields = {
      inbox: object.inboxId.href,
      sharedInbox: object.endpoints?.sharedInbox?.href ?? null,
      handle: actorHandle(object),
      name: actorName(object),
    };
    forgetReactorNames(object.id.href);
    await refreshFollower(db, object.id.href, { ...fields, url: actorUrl(object) });
    await refreshFollowed(db, object.id.href, fields);
    // The Update does not carry our profile terms: the actor document is re-fetched (conditionally)
    // from the queue, not while the sender waits for our answer.
    const replica = await findReplica(db, object.id.href);
    const followed = replica ? undefined : await findFollowed(db, object.id.href);
    if (replica || followed?.state === "accepted")
      await ctx.data.queue.enqueue({
        commonhost: "replica.changed",
        actorUri: object.id.href,
        depth: replica?.depth ?? 1,
      } satisfies DomainEvent);
  }
}
