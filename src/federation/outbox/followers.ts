// The accounts that follow a local actor: the Accept of each accepted Follow.
import { Accept, Follow } from "@fedify/vocab";
import type { FollowersEvent } from "../../domain/followers/events.ts";
import { findFollower } from "../../domain/followers/followers.ts";
import { activityId, deliverable, recipient, type Senders } from "./outgoing.ts";

export const followerSenders: Senders<FollowersEvent["commonhost"]> = {
  async "follower.accepted"({ ctx, services, actors }, event) {
    // A follower that undid its Follow before the Accept went out is not answered.
    const follower = await findFollower(services.database.db, event.actorUri);
    if (!follower || !(await actors.has(event.identifier))) return;
    const to = recipient({ actorUri: follower.actorUri, inbox: follower.inbox });
    if (!(await deliverable(services, to))) return;
    const actorUri = actors.uri(event.identifier);
    const follow = new Follow({ id: new URL(event.followId), actor: to.id, object: actorUri });
    await ctx.sendActivity(
      { identifier: event.identifier },
      to,
      new Accept({ id: activityId(actorUri, "accepts"), actor: actorUri, object: follow }),
    );
  },
};
