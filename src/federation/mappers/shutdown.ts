// A provider closing down, in ActivityStreams: the Offer that asks a successor's consent (answered
// with Accept or Reject, as a Follow is), its Undo when the notice is withdrawn, and the Move that
// sends followers to the successor at the effective date.
import type { Context } from "@fedify/fedify";
import { Accept, Move, Note, Offer, PUBLIC_COLLECTION, Reject, Source, Undo } from "@fedify/vocab";
import type { Announcement } from "../../domain/announcements/announcements.ts";
import type { ShutdownNotice } from "../../domain/shutdown/shutdown.ts";
import type { SuccessionRequest } from "../../domain/shutdown/successions.ts";
import type { Runtime } from "../../runtime.ts";

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/**
 * "We offer you our users": actor = the closing provider, target = the successor, object = the public
 * note of closing (embedded, so the successor reads the migration note without a fetch), endTime = the
 * effective date.
 */
export function offerOf(
  ctx: Context<Runtime>,
  actorUri: URL,
  notice: ShutdownNotice,
  note: Announcement | undefined,
): Offer {
  return new Offer({
    id: new URL(notice.offerId),
    actor: actorUri,
    to: new URL(notice.successorUri),
    target: new URL(notice.successorUri),
    endTime: instant(notice.effective),
    content: notice.message,
    object: new Note({
      id: ctx.getObjectUri(Note, { id: notice.announcementId }),
      attribution: actorUri,
      to: PUBLIC_COLLECTION,
      content: note?.html ?? "",
      source: new Source({ content: notice.message, mediaType: "text/markdown" }),
    }),
  });
}

export const undoOfferOf = (ctx: Context<Runtime>, actorUri: URL, notice: ShutdownNotice, note?: Announcement) =>
  new Undo({
    id: new URL(`${notice.offerId}#undo`),
    actor: actorUri,
    to: new URL(notice.successorUri),
    object: offerOf(ctx, actorUri, notice, note),
  });

/** The successor's answer: the Offer's id as object, addressed to the closing provider. */
export function answerOf(actorUri: URL, request: SuccessionRequest): Accept | Reject {
  const values = {
    id: new URL(`${actorUri.href}#successions/${request.key}/${request.state}`),
    actor: actorUri,
    to: new URL(request.predecessorUri),
    object: new URL(request.offerId),
  };
  return request.state === "accepted" ? new Accept(values) : new Reject(values);
}

/** Mastodon's Move: object is the moving actor itself, target the successor (whose alsoKnownAs lists it). */
export const moveOf = (ctx: Context<Runtime>, identifier: string, actorUri: URL, notice: ShutdownNotice) =>
  new Move({
    id: new URL(`${actorUri.href}#moves/${notice.id}`),
    actor: actorUri,
    object: actorUri,
    target: new URL(notice.successorUri),
    to: ctx.getFollowersUri(identifier),
  });
