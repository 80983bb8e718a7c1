// What peer instances tell the directory: an inquiry relayed to our provider.
import type { Db } from "../../db/client.ts";
import { findProviderActor } from "../actors/local-actors.ts";
import { fail, type Result } from "../validation.ts";
import { receiveInquiry } from "./inquiries.ts";

export type RelayedInquiry = {
  readonly activityId: string;
  readonly peerActorUri: string;
  /** The local actors (by identifier) the message is addressed to. */
  readonly addressedTo: readonly string[];
  /** Whether the message is addressed to the public collection too. */
  readonly public: boolean;
  readonly senderName: string;
  readonly senderEmail: string;
  readonly organisation?: string;
  readonly needs?: string;
  readonly message: string;
};

/**
 * An inquiry counts only as a direct message to our provider: one addressed to the public, or not
 * to the provider, is refused (it carries someone's e-mail address, and must not have been public).
 * Within that, receiveInquiry's limits apply.
 */
export async function receiveRelayedInquiry(db: Db, inquiry: RelayedInquiry): Promise<Result<{ stored: boolean }>> {
  const provider = await findProviderActor(db);
  if (!provider) return fail("not_found", "provider.notSetUp");
  if (inquiry.public || !inquiry.addressedTo.includes(provider.identifier))
    return fail("forbidden", "inquiry.notDirect");
  const { addressedTo: _to, public: _public, ...fields } = inquiry;
  return receiveInquiry(db, fields);
}
