// THE routing table: every dispatcher and every inbox listener of the instance, in one place.
import { Accept, Announce, Create, Delete, Follow, Like, Note, Offer, Reject, Undo, Update } from "@fedify/vocab";
import {
  countAnnouncements,
  findAnnouncement,
  listAnnouncements,
  listPinnedAnnouncements,
} from "../domain/announcements/announcements.ts";
import { listFollowing } from "../domain/following/following.ts";
import { countFollowers, listFollowerInboxes, listFollowers } from "../domain/followers/followers.ts";
import { countGroupFollowers, findGroup, listGroupFollowers } from "../domain/groups/groups.repository.ts";
import type { AppFederation } from "./federation.ts";
import { onAccept, onReject } from "./inbox/accept.ts";
import { onAnnounce } from "./inbox/announce.ts";
import { onCreate } from "./inbox/create.ts";
import { onDelete } from "./inbox/delete.ts";
import { onFollow } from "./inbox/follow.ts";
import { onLike } from "./inbox/like.ts";
import { onOffer } from "./inbox/offer.ts";
import { onUndo } from "./inbox/undo.ts";
import { onUpdate } from "./inbox/update.ts";
import type { LocalActors } from "./local-actors.ts";
import { announcementToCreate, announcementToNote } from "./mappers/note.ts";
import { nodeInfo } from "./nodeinfo.ts";
import { paths } from "./paths.ts";
import { deliverableRecipients } from "./public-address.ts";
import { noteInboxFailure } from "./trust/remote-failure.ts";

const PAGE_SIZE = 20;

export function registerFederation(federation: AppFederation, actors: LocalActors): void {
  // The followers, following, outbox and featured collections are the provider's.
  const isProvider = async (identifier: string) => (await actors.providerIdentifier()) === identifier;

  federation
    .setActorDispatcher(paths.actor, async (ctx, identifier) => (await actors.document(ctx, identifier))?.actor ?? null)
    // Not through the cached document: building the document itself asks for the key pairs.
    .setKeyPairsDispatcher((_ctx, identifier) => actors.keyPairs(identifier));

  // Network activities, and the Offers of changes to documents with their answers, are read as the JSON
  // they are before Fedify (web/middleware/inbox-trust.ts -> federation/networks/inbox.ts,
  // federation/docs/inbox.ts). A document's Article arrives in a Create or an Update below.
  federation
    .setInboxListeners(paths.inbox, paths.sharedInbox)
    .on(Follow, onFollow)
    .on(Accept, onAccept)
    .on(Reject, onReject)
    .on(Undo, onUndo)
    .on(Create, onCreate)
    .on(Update, onUpdate)
    .on(Delete, onDelete)
    .on(Like, onLike)
    .on(Announce, onAnnounce)
    .on(Offer, onOffer)
    // Likes and boosts are stored once by their id (a unique key), so Fedify's separate record of
    // what was processed (a read and a write per activity) is skipped for them.
    .withIdempotency((ctx, activity) =>
      activity instanceof Like || activity instanceof Announce
        ? null
        : `${ctx.origin}\n${activity.id?.href}\n${ctx.recipient ?? "sharedInbox"}`,
    )
    .onError((ctx, error) => {
      if ("request" in ctx && ctx.request instanceof Request) noteInboxFailure(ctx.request, error);
      ctx.data.logger.warn({ err: error }, "inbox activity failed");
    });

  federation
    .setFollowersDispatcher(paths.followers, async (ctx, identifier, cursor) => {
      // A working group's followers are its own (members and applicants), in one page: groups are small.
      const group = await findGroup(ctx.data.database.db, identifier);
      if (group) {
        const rows = await listGroupFollowers(ctx.data.database.db, group.id);
        return { items: rows.map((r) => ({ id: new URL(r.actorUri), inboxId: new URL(r.inbox), endpoints: null })) };
      }
      if (!(await isProvider(identifier))) return null;
      if (cursor === null) {
        // The whole collection: Fedify asks for it when fanning an activity out to followers.
        const rows = await listFollowerInboxes(ctx.data.database.db);
        const items = rows.map((r) => ({
          id: new URL(r.actorUri),
          inboxId: new URL(r.inbox),
          endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
        }));
        // Never fan out to an inbox on a private or loopback address (unless allowed).
        return {
          items: await deliverableRecipients(ctx.data.config.allowPrivateAddress, items, (i) => [
            i.inboxId,
            i.endpoints?.sharedInbox,
          ]),
        };
      }
      const before = cursor === "" ? undefined : new Date(cursor);
      if (before && Number.isNaN(before.getTime())) return null;
      const rows = await listFollowers(ctx.data.database.db, { limit: PAGE_SIZE, ...(before ? { before } : {}) });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => ({ id: new URL(r.actorUri), inboxId: new URL(r.inbox), endpoints: null })),
        nextCursor: rows.length === PAGE_SIZE && last ? last.createdAt.toISOString() : null,
      };
    })
    .setFirstCursor(() => "")
    .setCounter(async (ctx, identifier) => {
      const group = await findGroup(ctx.data.database.db, identifier);
      return group ? countGroupFollowers(ctx.data.database.db, group.id) : countFollowers(ctx.data.database.db);
    });

  federation.setFollowingDispatcher(paths.following, async (ctx, identifier) => {
    if (!(await isProvider(identifier))) return null;
    const rows = await listFollowing(ctx.data.database.db);
    return { items: rows.filter((r) => r.state === "accepted").map((r) => new URL(r.actorUri)) };
  });

  federation
    .setOutboxDispatcher(paths.outbox, async (ctx, identifier, cursor) => {
      // A working group keeps no outbox of its own yet: what it relays goes to its followers only.
      if (await actors.isGroup(identifier)) return { items: [] };
      if (!(await isProvider(identifier)) || cursor === null) return null;
      const rows = await listAnnouncements(ctx.data.database.db, {
        limit: PAGE_SIZE,
        ...(cursor ? { before: cursor } : {}),
      });
      const last = rows.at(-1);
      return {
        items: rows.map((row) => announcementToCreate(ctx, identifier, row)),
        nextCursor: rows.length === PAGE_SIZE && last ? last.id : null,
      };
    })
    .setFirstCursor(() => "")
    .setCounter((ctx) => countAnnouncements(ctx.data.database.db));

  federation.setFeaturedDispatcher(paths.featured, async (ctx, identifier) => {
    if (!(await isProvider(identifier))) return null;
    const rows = await listPinnedAnnouncements(ctx.data.database.db);
    return { items: rows.map((row) => announcementToNote(ctx, identifier, row)) };
  });

  federation.setObjectDispatcher(Note, paths.announcement, async (ctx, values) => {
    const provider = await actors.providerIdentifier();
    const row = provider === undefined ? undefined : await findAnnouncement(ctx.data.database.db, values.id);
    if (provider === undefined || !row) return null;
    // A deleted announcement is served as a Tombstone by the web layer (410); Fedify gets nothing.
    return row.deletedAt ? null : announcementToNote(ctx, provider, row);
  });

  federation.setNodeInfoDispatcher(paths.nodeinfo, nodeInfo);

  // WebFinger is answered by web/fast-paths.ts, from the local actors' cached documents.
}
