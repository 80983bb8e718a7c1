// What other servers tell a group: someone follows it or stops, a member posts to it.
import type { Db } from "../../db/client.ts";
import { type AddressCheck, canDeliverTo } from "../actors/addresses.ts";
import { recordEvent } from "../events.ts";
import type { NewFollower } from "../followers/followers.ts";
import {
  addGroupFollower,
  findGroup,
  findGroupFollower,
  markRelayed,
  removeGroupFollower,
} from "./groups.repository.ts";
import { relayOf, roleOnFollow } from "./rules.ts";

/** Whether an actor is a current member of a network (by the network's id): a port the edge fills. */
export type NetworkMembership = (network: string, actor: string) => Promise<boolean>;

export type GroupFollowOutcome = "member" | "applicant" | "unknown-group" | "refused-private-address";

/**
 * An account follows a group. The follow is accepted either way (the group's public output is
 * public); a current member of the group's network becomes a member, anyone else an applicant.
 */
export async function receiveGroupFollow(
  db: Db,
  request: { identifier: string; followId: string; follower: Omit<NewFollower, "followId" | "url"> },
  ports: { addresses: AddressCheck; isNetworkMember: NetworkMembership },
): Promise<GroupFollowOutcome> {
  const group = await findGroup(db, request.identifier);
  if (!group) return "unknown-group";
  const { follower } = request;
  if (!(await canDeliverTo(ports.addresses, [follower.inbox, follower.sharedInbox]))) return "refused-private-address";
  const known = await findGroupFollower(db, group.id, follower.actorUri);
  const role = known?.role ?? roleOnFollow(await ports.isNetworkMember(group.network, follower.actorUri));
  await db.transaction(async (tx) => {
    await addGroupFollower(tx, { groupId: group.id, ...follower, followId: request.followId, role });
    await recordEvent(tx, {
      commonhost: "group.follower.accepted",
      identifier: group.handle,
      actorUri: follower.actorUri,
      followId: request.followId,
    });
  });
  return role;
}

/** A follower undoes its Follow of a group: it leaves. */
export async function receiveGroupUnfollow(db: Db, identifier: string, actorUri: string): Promise<boolean> {
  const group = await findGroup(db, identifier);
  return group ? removeGroupFollower(db, group.id, actorUri) : false;
}

/** A post addressed to a group: relayed (an event for the outbox) when relayOf says so, to whom it says. */
export async function receiveGroupPost(
  db: Db,
  post: {
    identifier: string;
    groupUri: string;
    author: string;
    objectId: string;
    addressees: readonly string[];
    /** What makes this relay one (a document's id and the activity of its revision); the object's id by default. */
    relayKey?: string;
  },
): Promise<"relayed" | "ignored"> {
  const group = await findGroup(db, post.identifier);
  if (!group) return "ignored";
  const author = await findGroupFollower(db, group.id, post.author);
  const relay = relayOf({ addressees: post.addressees, groupUri: post.groupUri, authorRole: author?.role });
  if (relay === "none") return "ignored";
  // Noted and announced in one transaction: a post that arrives twice (two inboxes) is relayed once.
  return db.transaction(async (tx) => {
    if (!(await markRelayed(tx, group.id, post.relayKey ?? post.objectId))) return "ignored";
    await recordEvent(tx, {
      commonhost: "group.relayed",
      identifier: group.handle,
      objectId: post.objectId,
      membersOnly: relay === "members",
      author: post.author,
    });
    return "relayed";
  });
}
