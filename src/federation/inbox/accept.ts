import type { InboxContext } from "@fedify/fedify";
import type { Accept, Reject } from "@fedify/vocab";
import { settleFollow } from "../../domain/following/following.service.ts";
import type { Services } from "../../services.ts";
import { replicatePeer } from "../directory/replication.ts";

/** A peer's answer to our Follow. Only the followed account may answer, and only our own Follow id. */
async function settle(ctx: InboxContext<Services>, answer: Accept | Reject, accepted: boolean): Promise<void> {
  if (!answer.actorId || !answer.objectId) return;
  const settled = await settleFollow(ctx.data.database.db, answer.actorId.href, answer.objectId.href, accepted);
  // An accepted peer is replicated at once (profile, and the providers it follows).
  if (settled && accepted) await replicatePeer(ctx.data, answer.actorId.href);
}

export const onAccept = (ctx: InboxContext<Services>, accept: Accept) => settle(ctx, accept, true);
export const onReject = (ctx: InboxContext<Services>, reject: Reject) => settle(ctx, reject, false);
