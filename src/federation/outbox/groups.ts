// What a working group sends: the Accept of a follow, and the Announce of a member's post to every
// follower of the group (FEP-1b12), or, for a post that is not public (a members-only note, a group
// document), to the group's members only, each by name. One queued event per relay; Fedify queues one
// delivery per inbox.
import { Accept, Announce, Follow, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { GroupEvent } from "../../domain/groups/events.ts";
import { findGroup, findGroupFollower, listGroupFollowers } from "../../domain/groups/groups.repository.ts";
import { fanOut } from "./fanout.ts";
import { activityId, deliverable, recipient, type Senders } from "./outgoing.ts";

export const groupSenders: Senders<GroupEvent["commonhost"]> = {
  async "group.follower.accepted"({ ctx, services, actors }, event) {
    const { db } = services.database;
    const group = await findGroup(db, event.identifier);
    // A follower that undid its Follow before the Accept went out is not answered.
    const follower = group ? await findGroupFollower(db, group.id, event.actorUri) : undefined;
    if (!follower) return;
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

  async "group.relayed"({ ctx, services, actors }, event) {
    const { db } = services.database;
    const group = await findGroup(db, event.identifier);
    if (!group) return;
    const readers = (await listGroupFollowers(db, group.id)).filter(
      (f) => !event.membersOnly || (f.role === "member" && f.actorUri !== event.author),
    );
    const groupUri = actors.uri(event.identifier);
    await fanOut(ctx, event.identifier, readers, (to) => {
      // The object is the member's post by its id: Mastodon shows the Announce as a boost by the group.
      // A members-only one names its members and never the public collection or the followers.
      const addressing = event.membersOnly
        ? { tos: to.map((r) => r.id) }
        : { to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(event.identifier) };
      return new Announce({
        id: activityId(groupUri, "announces"),
        actor: groupUri,
        object: new URL(event.objectId),
        ...addressing,
        audience: groupUri,
        published: Temporal.Now.instant(),
      });
    });
  },
};
