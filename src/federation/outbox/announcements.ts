// The provider's announcements: each creation, edit and deletion goes to every follower.
import { Delete, Note, PUBLIC_COLLECTION, Tombstone, Update } from "@fedify/vocab";
import { findAnnouncement } from "../../domain/announcements/announcements.ts";
import type { AnnouncementEvent } from "../../domain/announcements/events.ts";
import { announcementToCreate, announcementToNote } from "../mappers/note.ts";
import { sendToFollowers } from "./fanout.ts";
import { activityId, type Senders } from "./outgoing.ts";

export const announcementSenders: Senders<AnnouncementEvent["commonhost"]> = {
  async "announcement.created"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const row = provider && (await findAnnouncement(services.database.db, event.id));
    if (!provider || !row || row.deletedAt) return;
    await sendToFollowers(ctx, provider.identifier, announcementToCreate(ctx, provider.identifier, row));
  },

  async "announcement.updated"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const row = provider && (await findAnnouncement(services.database.db, event.id));
    if (!provider || !row || row.deletedAt) return;
    await sendToFollowers(
      ctx,
      provider.identifier,
      new Update({
        id: activityId(provider.uri, "updates"),
        actor: provider.uri,
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(provider.identifier),
        object: announcementToNote(ctx, provider.identifier, row),
      }),
    );
  },

  async "announcement.deleted"({ ctx, actors }, event) {
    const provider = await actors.provider(ctx);
    if (!provider) return;
    const noteId = ctx.getObjectUri(Note, { id: event.id });
    await sendToFollowers(
      ctx,
      provider.identifier,
      new Delete({
        id: activityId(provider.uri, "deletes"),
        actor: provider.uri,
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(provider.identifier),
        object: new Tombstone({ id: noteId, deleted: Temporal.Instant.from(event.deletedAt) }),
      }),
    );
  },
};
