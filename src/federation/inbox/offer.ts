import type { InboxContext } from "@fedify/fedify";
import { isActor, type Offer } from "@fedify/vocab";
import { findProviderActor, localActorUri } from "../../domain/actors/local-actors.ts";
import { receiveSuccessionRequest } from "../../domain/shutdown/successions.ts";
import type { Runtime } from "../../runtime.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { lookupOptions } from "./lookup.ts";

/**
 * A closing provider asks this provider to be its successor (an Offer whose target is our actor). It is
 * stored as a succession request for the operators to accept or reject; nothing is answered until then.
 */
export async function onOffer(ctx: InboxContext<Runtime>, offer: Offer): Promise<void> {
  const log = ctx.data.logger.child({ module: "successions" });
  const provider = await findProviderActor(ctx.data.database.db);
  const own = provider && localActorUri(ctx.data.config.origin, provider.identifier);
  if (!offer.id || !offer.actorId || !offer.targetId || !offer.endTime) {
    log.info({ offer: offer.id?.href }, "offer without id, actor, target or end time: ignored");
    return;
  }
  if (own !== offer.targetId.href) {
    log.info({ offer: offer.id.href, target: offer.targetId.href }, "offer not aimed at our provider: ignored");
    return;
  }
  if (offer.id.origin !== offer.actorId.origin) {
    log.info({ offer: offer.id.href }, "offer id not on its actor's server: ignored");
    return;
  }
  const actor = await offer.getActor(lookupOptions(ctx));
  if (!actor?.id || !isActor(actor) || !actor.inboxId || actor.id.href !== offer.actorId.href) {
    log.info({ offer: offer.id.href }, "the offering actor could not be fetched: ignored");
    return;
  }
  const stored = await receiveSuccessionRequest(ctx.data.database.db, {
    offerId: offer.id.href,
    predecessorUri: actor.id.href,
    predecessorInbox: actor.inboxId.href,
    predecessorHandle: actorHandle(actor),
    predecessorName: actorName(actor),
    effective: new Date(offer.endTime.epochMilliseconds),
    message: typeof offer.content === "string" ? offer.content : (offer.content?.toString() ?? ""),
  });
  log.info({ offer: offer.id.href, stored }, "succession request received");
}
