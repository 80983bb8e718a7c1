// The accounts the provider follows: our Follow and its Undo; an accepted follow of a peer
// replicates the peer's profile into the directory.
import { Follow, Undo } from "@fedify/vocab";
import type { FollowingEvent } from "../../domain/following/events.ts";
import { findFollowed } from "../../domain/following/following.ts";
import { replicatePeer } from "../directory/replication.ts";
import { activityId, deliverable, recipient, type Senders } from "./outgoing.ts";

export const followingSenders: Senders<FollowingEvent["commonhost"]> = {
  async "follow.requested"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const followed = provider && (await findFollowed(services.database.db, event.actorUri));
    if (!provider || !followed || followed.state !== "pending") return;
    const follow = new Follow({
      id: new URL(followed.followId),
      actor: provider.uri,
      object: new URL(followed.actorUri),
    });
    const to = recipient(followed);
    if (!(await deliverable(services, to))) return;
    await ctx.sendActivity({ identifier: provider.identifier }, to, follow);
  },

  async "follow.undone"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    if (!provider) return;
    const follow = new Follow({ id: new URL(event.followId), actor: provider.uri, object: new URL(event.actorUri) });
    const undo = new Undo({ id: activityId(provider.uri, "undos"), actor: provider.uri, object: follow });
    const to = recipient({ actorUri: event.actorUri, inbox: event.inbox });
    if (!(await deliverable(services, to))) return;
    await ctx.sendActivity({ identifier: provider.identifier }, to, undo);
  },

  async "follow.accepted"({ services }, event) {
    await replicatePeer(services, event.actorUri);
  },
};
