import type { InboxContext } from "@fedify/fedify";
import { PUBLIC_COLLECTION, type Create, type Note } from "@fedify/vocab";
import { receiveInquiry } from "../../domain/directory/inquiries.service.ts";
import { findProvider } from "../../domain/provider/provider.repository.ts";
import type { Services } from "../../services.ts";
import { readInquiryNote } from "../mappers/inquiry.ts";

/**
 * An inquiry relayed by another instance for this provider. Returns true if the Note was an inquiry
 * (kept or refused), so it never lands in the feed. Only a direct message to this provider counts.
 */
export async function onInquiry(ctx: InboxContext<Services>, create: Create, note: Note): Promise<boolean> {
  const fields = await readInquiryNote(ctx, note);
  if (!fields || !create.actorId || !create.id) return false;
  const provider = await findProvider(ctx.data.database.db);
  if (!provider) return true;
  const own = ctx.getActorUri(provider.handle).href;
  const audience = [...note.toIds, ...note.ccIds, ...create.toIds, ...create.ccIds].map((u) => u.href);
  if (!audience.includes(own) || audience.includes(PUBLIC_COLLECTION.href)) return true;
  const result = await receiveInquiry(ctx.data.database.db, {
    activityId: create.id.href,
    peerActorUri: create.actorId.href,
    senderName: fields.senderName ?? "",
    senderEmail: fields.senderEmail ?? "",
    ...(fields.organisation ? { organisation: fields.organisation } : {}),
    ...(fields.needs ? { needs: fields.needs } : {}),
    message: fields.message,
  });
  if (!result.ok) ctx.data.logger.info({ from: create.actorId.href, reason: result.error.code }, "inquiry refused");
  return true;
}
