import type { InboxContext } from "@fedify/fedify";
import { Accept, type Follow, isActor } from "@fedify/vocab";
import { addFollower } from "../../domain/followers/followers.service.ts";
import { findProvider } from "../../domain/provider/provider.repository.ts";
import { logRefusal } from "../../logging.ts";
import type { Services } from "../../services.ts";
import { deliverableRecipients } from "../public-address.ts";
import { actorHandle, actorName, actorUrl } from "./actor-info.ts";
import { lookupOptions } from "./lookup.ts";

/** Anyone may follow the provider: the follow is stored and accepted at once. */
export async function onFollow(ctx: InboxContext<Services>, follow: Follow): Promise<void> {
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const target = ctx.parseUri(follow.objectId);
  const provider = await findProvider(ctx.data.database.db);
  if (target?.type !== "actor" || !provider || target.identifier !== provider.handle) return;
  const follower = await follow.getActor(lookupOptions(ctx));
  if (!follower || !isActor(follower) || !follower.id || !follower.inboxId) return;
  const inboxes = [follower.inboxId, follower.endpoints?.sharedInbox];
  if ((await deliverableRecipients(ctx.data.config.allowPrivateAddress, [follower], () => inboxes)).length === 0) {
    logRefusal(
      ctx.data.logger,
      "private-url",
      { actor: follower.id.href },
      "follow refused: the follower's inbox is on a private address",
    );
    return;
  }
  await addFollower(ctx.data.database.db, {
    actorUri: follower.id.href,
    followId: follow.id.href,
    inbox: follower.inboxId.href,
    sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
    handle: actorHandle(follower),
    name: actorName(follower),
    url: actorUrl(follower),
  });
  const actorUri = ctx.getActorUri(provider.handle);
  await ctx.sendActivity(
    { identifier: provider.handle },
    follower,
    new Accept({ id: new URL(`${actorUri.href}#accepts/${crypto.randomUUID()}`), actor: actorUri, object: follow }),
  );
}
