// The directory: inquiries relayed to a provider on another instance, and replicas fetched again.
import { isActor } from "@fedify/vocab";
import type { DirectoryEvent } from "../../domain/directory/events.ts";
import { findSentInquiry, forgetSentInquiry } from "../../domain/directory/inquiries.ts";
import { ensurePeer } from "../directory/peers.ts";
import { refreshReplica } from "../directory/replication.ts";
import { inquiryToCreate } from "../mappers/inquiry.ts";
import { deliverable, type Senders } from "./outgoing.ts";

export const directorySenders: Senders<DirectoryEvent["commonhost"]> = {
  async "inquiry.sent"({ ctx, services, actors }, event) {
    const provider = await actors.provider(ctx);
    const inquiry = provider && (await findSentInquiry(services.database.db, event.id));
    if (!provider || !inquiry?.senderEmail) return;
    const target = await ctx.lookupObject(inquiry.peerActorUri);
    if (!target || !isActor(target) || !target.id || !target.inboxId)
      throw new Error(`inquiry target ${inquiry.peerActorUri} cannot be reached`);
    const to = { id: target.id, inboxId: target.inboxId, endpoints: null };
    if (!(await deliverable(services, to))) return;
    await ctx.sendActivity(
      { identifier: provider.identifier },
      to,
      inquiryToCreate(ctx, provider.identifier, inquiry, target.id),
    );
    await forgetSentInquiry(services.database.db, inquiry.id);
  },

  async "replica.changed"({ services }, event) {
    await refreshReplica(services, event.actorUri, { depth: event.depth });
  },

  async "peer.wanted"({ ctx, services }, event) {
    await ensurePeer(ctx.federation, services, event.actorUri);
  },
};
