// Closing down: the Offer to the successor (and its Undo), the successor's Accept or Reject, and the
// Move to every follower; the notice (or its withdrawal) to each current fellow network member. The public note itself goes out as an announcement (announcements.ts).
import { findAnnouncement } from "../../domain/announcements/announcements.ts";
import type { ShutdownEvent } from "../../domain/shutdown/events.ts";
import { findNotice } from "../../domain/shutdown/shutdown.ts";
import { findSuccession } from "../../domain/shutdown/successions.ts";
import { answerOf, moveOf, offerOf, undoOfferOf } from "../mappers/shutdown.ts";
import { sendToFollowers } from "./fanout.ts";
import { postTo } from "../networks/deliver.ts";
import { fellowMembers } from "../networks/membership.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { memberNoticeActivity } from "../shutdown/member-notice.ts";
import { activityId, deliverable, recipient, type Senders } from "./outgoing.ts";

export const shutdownSenders: Senders<ShutdownEvent["commonhost"]> = {
  async "shutdown.announced"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const { db } = services.database;
    const notice = await findNotice(db, event.id);
    if (!provider || notice?.state !== "standing") return;
    const to = recipient({ actorUri: notice.successorUri, inbox: notice.successorInbox });
    if (!(await deliverable(services, to))) return;
    const note = await findAnnouncement(db, notice.announcementId);
    await ctx.sendActivity({ identifier: provider.identifier }, to, offerOf(ctx, provider.uri, notice, note));
  },

  async "shutdown.withdrawn"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const notice = await findNotice(services.database.db, event.id);
    if (!provider || !notice) return;
    const to = recipient({ actorUri: notice.successorUri, inbox: notice.successorInbox });
    if (!(await deliverable(services, to))) return;
    await ctx.sendActivity({ identifier: provider.identifier }, to, undoOfferOf(ctx, provider.uri, notice));
  },

  async "shutdown.moved"({ ctx, services, actors }, event) {
    actors.invalidate();
    const provider = await actors.provider(ctx);
    const notice = await findNotice(services.database.db, event.id);
    if (!provider || notice?.state !== "moved") return;
    await sendToFollowers(ctx, provider.identifier, moveOf(ctx, provider.identifier, provider.uri, notice));
  },

  async "shutdown.member.told"({ ctx, services, actors }, event) {
    actors.invalidate();
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    const notice = await findNotice(services.database.db, event.id);
    // A member that left the networks since is not told.
    if (!self || !notice || !(await fellowMembers(rt)).includes(event.to)) return;
    const closing =
      notice.state === "standing"
        ? { effective: notice.effective.toISOString(), successor: notice.successorUri }
        : null;
    const id = activityId(new URL(self.actor), "closing-notices").href;
    await postTo(rt, self, event.to, memberNoticeActivity(id, self.actor, event.to, closing));
  },

  async "succession.answered"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const request = await findSuccession(services.database.db, event.key);
    if (!provider || (request?.state !== "accepted" && request?.state !== "rejected")) return;
    const to = recipient({ actorUri: request.predecessorUri, inbox: request.predecessorInbox });
    if (!(await deliverable(services, to))) return;
    await ctx.sendActivity({ identifier: provider.identifier }, to, answerOf(provider.uri, request));
  },
};
