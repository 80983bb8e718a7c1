import type { InboxContext } from "@fedify/fedify";
import type { Accept, Reject } from "@fedify/vocab";
import { settleFollow } from "../../domain/following/following.ts";
import type { Runtime } from "../../runtime.ts";

/**
 * A peer's answer to our Follow. Only the followed account may answer, and only our own Follow id.
 * An accepted peer is replicated from the queue (settleFollow records the event), not while the
 * peer waits for our answer.
 */
async function settle(ctx: InboxContext<Runtime>, answer: Accept | Reject, accepted: boolean): Promise<void> {
  if (!answer.actorId || !answer.objectId) return;
  if (await settleFollow(ctx.data.database.db, answer.actorId.href, answer.objectId.href, accepted))
    ctx.data.queue.wake();
}

export const onAccept = (ctx: InboxContext<Runtime>, accept: Accept) => settle(ctx, accept, true);
export const onReject = (ctx: InboxContext<Runtime>, reject: Reject) => settle(ctx, reject, false);
