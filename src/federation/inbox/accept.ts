import type { InboxContext } from "@fedify/fedify";
import type { Accept, Reject } from "@fedify/vocab";
import { settleFollow } from "../../domain/following/following.ts";
import { recordConsent } from "../../domain/shutdown/shutdown.ts";
import type { Runtime } from "../../runtime.ts";

/**
 * A peer's answer to our Follow. Only the followed account may answer, and only our own Follow id.
 * An accepted peer is replicated from the queue (settleFollow records the event), not while the
 * peer waits for our answer. An answer to our Offer of succession records the successor's consent.
 */
async function settle(ctx: InboxContext<Runtime>, answer: Accept | Reject, accepted: boolean): Promise<void> {
  if (!answer.actorId || !answer.objectId) return;
  const { db } = ctx.data.database;
  if (await settleFollow(db, answer.actorId.href, answer.objectId.href, accepted)) ctx.data.queue.wake();
  // Or the successor's answer to our Offer to take over from this provider.
  else if (
    await recordConsent(db, { offerId: answer.objectId.href, actorUri: answer.actorId.href, accepted }, new Date())
  )
    ctx.data.logger.info({ offer: answer.objectId.href, accepted }, "successor answered the notice of closing");
}

export const onAccept = (ctx: InboxContext<Runtime>, accept: Accept) => settle(ctx, accept, true);
export const onReject = (ctx: InboxContext<Runtime>, reject: Reject) => settle(ctx, reject, false);
