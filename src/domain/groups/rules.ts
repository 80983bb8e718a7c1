// The pure rules of working groups: who becomes a member, what is relayed, what a task may be.

export type GroupRole = "member" | "applicant";
export const TASK_STATES = ["open", "doing", "done"] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** A handle a group may take: the same shape as a provider's, lower case. */
export const GROUP_HANDLE = /^[a-z0-9][a-z0-9_-]{0,29}$/;

/**
 * The role of an account that follows a group. A current member of the group's network joins at once;
 * anyone else (a Mastodon account, a provider outside the network) follows the group's public output
 * and waits for a maintainer to make it a member.
 */
export function roleOnFollow(isNetworkMember: boolean): GroupRole {
  return isNetworkMember ? "member" : "applicant";
}

export const AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const PUBLIC_FORMS = new Set([AS_PUBLIC, "as:Public", "Public"]);

/** Whether an addressing list makes an object public. */
export const isPublic = (addressees: readonly string[]): boolean => addressees.some((a) => PUBLIC_FORMS.has(a));

/** How a group relays a post: to every follower (a public post), to its members only, or not at all. */
export type Relay = "followers" | "members" | "none";

/**
 * How a post is relayed by the group (FEP-1b12): only when its author is a member and it is addressed
 * to the group (in `to`, `cc` or `audience`). A public post goes to every follower; a post that is not
 * public (a members-only note, a group document) goes to the group's members only, never to applicants.
 */
export function relayOf(post: {
  readonly addressees: readonly string[];
  readonly groupUri: string;
  readonly authorRole: GroupRole | undefined;
}): Relay {
  if (post.authorRole !== "member" || !post.addressees.includes(post.groupUri)) return "none";
  return isPublic(post.addressees) ? "followers" : "members";
}
