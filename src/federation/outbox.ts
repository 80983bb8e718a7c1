// Domain events -> activities (and the directory's follow-ups of what peers tell us). The only place
// that sends, besides inbox replies (Accept of a Follow).
// Events arrive from the durable queue, so an event recorded before a crash is still sent after it;
// an activity to all followers is queued once and fanned out a page of followers at a time (fanout.ts).
import { Delete, Follow, isActor, Note, PUBLIC_COLLECTION, Tombstone, Undo, Update } from "@fedify/vocab";
import type { ApplicationMessage } from "../db/message-queue.ts";
import { findAnnouncement } from "../domain/announcements/announcements.service.ts";
import { findSentInquiry, forgetSentInquiry } from "../domain/directory/inquiries.service.ts";
import type { DomainEvent } from "../domain/events.ts";
import { removeFollowersByInbox } from "../domain/followers/followers.service.ts";
import { findFollowed, type Followed } from "../domain/following/following.service.ts";
import type { Services } from "../services.ts";
import type { ActorCache } from "./actor-cache.ts";
import type { AppFederation } from "./federation.ts";
import { isFollowersPage, sendFollowersPage, sendToFollowers } from "./fanout.ts";
import { inquiryToCreate } from "./mappers/inquiry.ts";
import { announcementToCreate, announcementToNote } from "./mappers/note.ts";
import { refreshReplica, replicatePeer } from "./directory/replication.ts";
import { deliverableRecipients } from "./public-address.ts";

export function registerOutbox(federation: AppFederation, services: Services, actorCache: ActorCache): void {
  services.queue.onApplicationMessage((message) => dispatchEvent(federation, services, actorCache, message));

  // A follower whose inbox answers 404 or 410 is gone for good: stop delivering to it.
  federation.setOutboxPermanentFailureHandler(async (ctx, { inbox, statusCode }) => {
    const removed = await removeFollowersByInbox(ctx.data.database.db, inbox.href);
    ctx.data.logger.info({ inbox: inbox.href, statusCode, removed }, "dropped followers whose inbox is gone");
  });
}

async function dispatchEvent(
  federation: AppFederation,
  services: Services,
  actorCache: ActorCache,
  message: ApplicationMessage,
): Promise<void> {
  const ctx = federation.createContext(new URL(services.config.origin), services);
  if (isFollowersPage(message)) return sendFollowersPage(ctx, message);
  const event = message as DomainEvent;
  if (event.commonhost === "profile.updated") actorCache.invalidate();
  const entry = await actorCache.get(ctx);
  if (!entry) return;
  const handle = entry.record.handle;
  const sender = { identifier: handle };
  const actorUri = ctx.getActorUri(handle);
  const activityId = (kind: string) => new URL(`${actorUri.href}#${kind}/${crypto.randomUUID()}`);

  switch (event.commonhost) {
    case "profile.updated":
      await sendToFollowers(
        ctx,
        handle,
        new Update({
          id: activityId("updates"),
          actor: actorUri,
          to: PUBLIC_COLLECTION,
          cc: ctx.getFollowersUri(handle),
          object: entry.actor,
        }),
      );
      return;
    case "announcement.created": {
      const row = await findAnnouncement(services.database.db, event.id);
      if (!row || row.deletedAt) return;
      await sendToFollowers(ctx, handle, announcementToCreate(ctx, handle, row));
      return;
    }
    case "announcement.updated": {
      const row = await findAnnouncement(services.database.db, event.id);
      if (!row || row.deletedAt) return;
      const note = announcementToNote(ctx, handle, row);
      await sendToFollowers(
        ctx,
        handle,
        new Update({
          id: activityId("updates"),
          actor: actorUri,
          to: PUBLIC_COLLECTION,
          cc: ctx.getFollowersUri(handle),
          object: note,
        }),
      );
      return;
    }
    case "announcement.deleted": {
      const noteId = ctx.getObjectUri(Note, { id: event.id });
      const tombstone = new Tombstone({ id: noteId, deleted: Temporal.Instant.from(event.deletedAt) });
      await sendToFollowers(
        ctx,
        handle,
        new Delete({
          id: activityId("deletes"),
          actor: actorUri,
          to: PUBLIC_COLLECTION,
          cc: ctx.getFollowersUri(handle),
          object: tombstone,
        }),
      );
      return;
    }
    case "follow.requested": {
      const followed = await findFollowed(services.database.db, event.actorUri);
      if (followed?.state !== "pending") return;
      const follow = new Follow({
        id: new URL(followed.followId),
        actor: actorUri,
        object: new URL(followed.actorUri),
      });
      if (!(await deliverable(services, recipient(followed)))) return;
      await ctx.sendActivity(sender, recipient(followed), follow);
      return;
    }
    case "follow.undone": {
      const follow = new Follow({ id: new URL(event.followId), actor: actorUri, object: new URL(event.actorUri) });
      const undo = new Undo({ id: activityId("undos"), actor: actorUri, object: follow });
      const to = { id: new URL(event.actorUri), inboxId: new URL(event.inbox), endpoints: null };
      if (!(await deliverable(services, to))) return;
      await ctx.sendActivity(sender, to, undo);
      return;
    }
    case "follow.accepted":
      await replicatePeer(services, event.actorUri);
      return;
    case "replica.changed":
      await refreshReplica(services, event.actorUri, { depth: event.depth });
      return;
    case "inquiry.sent": {
      const inquiry = await findSentInquiry(services.database.db, event.id);
      if (!inquiry?.senderEmail) return;
      const target = await ctx.lookupObject(inquiry.peerActorUri);
      if (!target || !isActor(target) || !target.id || !target.inboxId)
        throw new Error(`inquiry target ${inquiry.peerActorUri} cannot be reached`);
      const to = { id: target.id, inboxId: target.inboxId, endpoints: null };
      if (!(await deliverable(services, to))) return;
      await ctx.sendActivity(sender, to, inquiryToCreate(ctx, handle, inquiry, target.id));
      await forgetSentInquiry(services.database.db, inquiry.id);
      return;
    }
    default:
      services.logger.warn({ event: (event as { commonhost: string }).commonhost }, "unknown domain event dropped");
  }
}

/** Whether a single recipient's inboxes are on public addresses (or private ones are allowed). */
async function deliverable(services: Services, to: ReturnType<typeof recipient>): Promise<boolean> {
  const ok =
    (
      await deliverableRecipients(services.config.allowPrivateAddress, [to], (r) => [
        r.inboxId,
        r.endpoints?.sharedInbox,
      ])
    ).length > 0;
  if (!ok) services.logger.warn({ inbox: to.inboxId.href }, "not delivering to an inbox on a private address");
  return ok;
}

const recipient = (f: Followed) => ({
  id: new URL(f.actorUri),
  inboxId: new URL(f.inbox),
  endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
});
