import type { InboxContext } from "@fedify/fedify";
import { type Create, type Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { receiveRelayedInquiry } from "../../domain/directory/incoming.ts";
import type { Runtime } from "../../runtime.ts";
import { readInquiryNote } from "../mappers/inquiry.ts";
import { localIdentifiers } from "./local-targets.ts";

/**
 * An inquiry relayed by another instance. Returns true if the Note was an inquiry (kept or refused),
 * so it never lands in the feed; receiveRelayedInquiry decides whether it is kept.
 */
export async function onInquiry(ctx: InboxContext<Runtime>, create: Create, note: Note): Promise<boolean> {
  const fields = await readInquiryNote(ctx, note);
  if (!fields || !create.actorId || !create.id) return false;
  const audience = [...note.toIds, ...note.ccIds, ...create.toIds, ...create.ccIds];
  const result = await receiveRelayedInquiry(ctx.data.database.db, {
    activityId: create.id.href,
    peerActorUri: create.actorId.href,
    addressedTo: localIdentifiers(ctx, audience),
    public: audience.some((u) => u.href === PUBLIC_COLLECTION.href),
    senderName: fields.senderName ?? "",
    senderEmail: fields.senderEmail ?? "",
    ...(fields.organisation ? { organisation: fields.organisation } : {}),
    ...(fields.needs ? { needs: fields.needs } : {}),
    message: fields.message,
  });
  if (!result.ok) ctx.data.logger.info({ from: create.actorId.href, reason: result.error.code }, "inquiry refused");
  return true;
}
