// THE outbox table: which sender turns each domain event into activities. Events come from the
// durable queue, so an event recorded before a crash is still sent after it. This is the only place
// that sends activities; an activity to all followers is queued once and fanned out a page of
// followers at a time (fanout.ts). A new area adds its file here and one line to the table.
import type { ApplicationMessage } from "../../db/message-queue.ts";
import type { EventName } from "../../domain/events.ts";
import { removeFollowersByInbox } from "../../domain/followers/followers.ts";
import { removeGroupFollowersByInbox } from "../../domain/groups/groups.repository.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { aidSenders } from "./aid.ts";
import { announcementSenders } from "./announcements.ts";
import { directorySenders } from "./directory.ts";
import { docsSenders } from "./docs.ts";
import { emergencySenders } from "./emergencies.ts";
import { isFollowersPage, sendFollowersPage } from "./fanout.ts";
import { followerSenders } from "./followers.ts";
import { followingSenders } from "./following.ts";
import { groupSenders } from "./groups.ts";
import { networkNoticeSenders } from "./network-notices.ts";
import { networkSenders } from "./networks.ts";
import type { Outgoing, Sender, Senders } from "./outgoing.ts";
import { profileSenders } from "./profile.ts";
import { shutdownSenders } from "./shutdown.ts";

// Every event has its sender: the type fails to check when an area declares an event and no sender.
const senders: Senders<EventName> = {
  ...profileSenders,
  ...announcementSenders,
  ...followerSenders,
  ...followingSenders,
  ...directorySenders,
  ...networkSenders,
  ...networkNoticeSenders,
  ...docsSenders,
  ...shutdownSenders,
  ...emergencySenders,
  ...groupSenders,
  ...aidSenders,
};

export function registerOutbox(federation: AppFederation, services: Runtime, actors: LocalActors): void {
  services.queue.onApplicationMessage((message) => dispatch(federation, services, actors, message));

  // A follower whose inbox answers 404 or 410 is gone for good: stop delivering to it.
  federation.setOutboxPermanentFailureHandler(async (ctx, { inbox, statusCode }) => {
    const removed =
      (await removeFollowersByInbox(ctx.data.database.db, inbox.href)) +
      (await removeGroupFollowersByInbox(ctx.data.database.db, inbox.href));
    ctx.data.logger.info({ inbox: inbox.href, statusCode, removed }, "dropped followers whose inbox is gone");
  });
}

async function dispatch(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  message: ApplicationMessage,
): Promise<void> {
  const ctx = federation.createContext(new URL(services.config.origin), services);
  if (isFollowersPage(message)) return sendFollowersPage(ctx, message);
  const name = message.commonhost as EventName;
  const sender = Object.hasOwn(senders, name) ? (senders[name] as Sender<EventName>) : undefined;
  if (!sender) {
    services.logger.warn({ event: message.commonhost }, "unknown domain event dropped");
    return;
  }
  const out: Outgoing = { ctx, services, actors };
  await sender(out, message as never);
}
