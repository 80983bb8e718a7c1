// Sending to all followers without reading them all at once. Fedify's sendActivity to "followers"
// loads every follower and writes one queue message naming every inbox before it returns: 10,000
// followers cost hundreds of milliseconds and a megabyte message (bench/send.ts). Here the activity
// is queued once, and each queued page of followers is sent on its own, then queues the next page.
// A working group relays to its followers through the same fan-out (groups.ts).
import { Activity } from "@fedify/vocab";
import type { Context } from "@fedify/fedify";
import { listFollowerInboxesPage } from "../../domain/followers/followers.ts";
import type { Runtime } from "../../runtime.ts";
import { deliverableRecipients } from "../public-address.ts";
import { inboxesOf, type Recipient, recipient } from "./outgoing.ts";

export const FOLLOWERS_PAGE = "followers.page";
const PAGE_SIZE = 500;

export type FollowersPageMessage = {
  readonly commonhost: typeof FOLLOWERS_PAGE;
  readonly identifier: string;
  readonly activity: unknown;
  /** The last follower (actor URI) of the previous page; absent on the first. */
  readonly after?: string;
};

export const isFollowersPage = (m: { commonhost: string }): m is FollowersPageMessage =>
  m.commonhost === FOLLOWERS_PAGE;

type Reachable = { readonly actorUri: string; readonly inbox: string; readonly sharedInbox?: string | null };

/**
 * Sends an activity from a local actor to many accounts at once, through their shared inboxes, never to
 * an inbox on a private or loopback address (unless allowed: Fedify only guards fetches). `build` makes
 * the activity for the recipients that remain (an addressing may name them); none remaining, nothing is
 * sent. The one fan-out of a page of followers and of a working group's relay.
 */
export async function fanOut(
  ctx: Context<Runtime>,
  identifier: string,
  accounts: readonly Reachable[],
  build: (to: readonly Recipient[]) => Activity | Promise<Activity>,
): Promise<void> {
  const to = await deliverableRecipients(ctx.data.config.allowPrivateAddress, accounts.map(recipient), inboxesOf);
  if (to.length === 0) return;
  await ctx.sendActivity({ identifier }, [...to], await build(to), { preferSharedInbox: true });
}

/** Queues `activity` for every follower of `identifier`; returns once it is queued. */
export async function sendToFollowers(ctx: Context<Runtime>, identifier: string, activity: Activity): Promise<void> {
  const json = await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
  const message: FollowersPageMessage = { commonhost: FOLLOWERS_PAGE, identifier, activity: json };
  await ctx.data.queue.enqueue(message);
}

/** Sends the activity to one page of followers, then queues the page that follows it. */
export async function sendFollowersPage(
  ctx: Context<Runtime>,
  message: FollowersPageMessage,
  pageSize = PAGE_SIZE,
): Promise<void> {
  const page = await listFollowerInboxesPage(ctx.data.database.db, {
    limit: pageSize,
    ...(message.after ? { after: message.after } : {}),
  });
  if (page.length === 0) return;
  await fanOut(ctx, message.identifier, page, () =>
    Activity.fromJsonLd(message.activity, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader }),
  );
  // After this page is queued for delivery: if that failed, the retry of this message must not queue
  // the rest a second time. A crash between the two sends this page twice, which receivers tolerate
  // (they recognise the activity id).
  if (page.length === pageSize) await ctx.data.queue.enqueue({ ...message, after: page.at(-1)!.actorUri });
}
