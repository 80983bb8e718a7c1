import type { InboxContext } from "@fedify/fedify";
import { type Follow, isActor } from "@fedify/vocab";
import { receiveFollow } from "../../domain/followers/incoming.ts";
import { receiveGroupFollow } from "../../domain/groups/incoming.ts";
import { logRefusal } from "../../logging.ts";
import type { Runtime } from "../../runtime.ts";
import { addressCheck } from "../address-check.ts";
import { actorHandle, actorName, actorUrl } from "./actor-info.ts";
import { isCurrentMember } from "../networks/membership.ts";
import { heldNetworksRuntime } from "../networks/runtime.ts";
import { lookupOptions } from "./lookup.ts";

/** A Follow of a local actor: the domain decides (receiveFollow); its Accept goes out through the outbox. */
export async function onFollow(ctx: InboxContext<Runtime>, follow: Follow): Promise<void> {
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== "actor") return;
  const follower = await follow.getActor(lookupOptions(ctx));
  if (!follower || !isActor(follower) || !follower.id || !follower.inboxId) return;
  // A working group's follow is decided by the groups area; anything else is a follow of the provider.
  const rt = heldNetworksRuntime(ctx.data);
  const request = {
    identifier: target.identifier,
    followId: follow.id.href,
    follower: {
      actorUri: follower.id.href,
      inbox: follower.inboxId.href,
      sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
      handle: actorHandle(follower),
      name: actorName(follower),
      url: actorUrl(follower),
    },
  };
  const joined = await receiveGroupFollow(ctx.data.database.db, request, {
    addresses: addressCheck(ctx.data.config),
    isNetworkMember: async (network, actor) => (rt ? isCurrentMember(rt, network, actor) : false),
  });
  if (joined !== "unknown-group") {
    ctx.data.logger.info({ group: target.identifier, actor: follower.id.href, outcome: joined }, "group follow");
    if (joined === "member" || joined === "applicant") ctx.data.queue.wake();
    return;
  }
  const outcome = await receiveFollow(ctx.data.database.db, request, addressCheck(ctx.data.config));
  if (outcome === "refused-private-address")
    logRefusal(
      ctx.data.logger,
      "private-url",
      { actor: follower.id.href },
      "follow refused: the follower's inbox is on a private address",
    );
  // The Accept is waiting in the queue: a worker in this process picks it up now.
  if (outcome === "accepted") ctx.data.queue.wake();
}
