// What every sender of the outbox is given, and the checks they share.
import type { Context } from "@fedify/fedify";
import type { EventName, EventOf } from "../../domain/events.ts";
import { logRefusal } from "../../logging.ts";
import type { Runtime } from "../../runtime.ts";
import type { LocalActors } from "../local-actors.ts";
import { deliverableRecipients } from "../public-address.ts";

export type Outgoing = {
  readonly ctx: Context<Runtime>;
  readonly services: Runtime;
  readonly actors: LocalActors;
};

/** Sends what one domain event means to the network. Throwing retries it from the queue. */
export type Sender<N extends EventName> = (out: Outgoing, event: EventOf<N>) => Promise<void>;

/** An area's part of the outbox table: one sender per event it declares. */
export type Senders<N extends EventName> = { readonly [K in N]: Sender<K> };

/** A new activity id under the sending actor's URI. */
export const activityId = (actorUri: URL, kind: string) => new URL(`${actorUri.href}#${kind}/${crypto.randomUUID()}`);

export type Recipient = { id: URL; inboxId: URL; endpoints: { sharedInbox: URL } | null };

export const recipient = (r: { actorUri: string; inbox: string; sharedInbox?: string | null }): Recipient => ({
  id: new URL(r.actorUri),
  inboxId: new URL(r.inbox),
  endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
});

/** The inboxes an activity for the recipient may go to: each must be on a deliverable address. */
export const inboxesOf = (r: Recipient) => [r.inboxId, r.endpoints?.sharedInbox];

/** Whether a single recipient's inboxes are on public addresses (or private ones are allowed). */
export async function deliverable(services: Runtime, to: Recipient): Promise<boolean> {
  const ok = (await deliverableRecipients(services.config.allowPrivateAddress, [to], inboxesOf)).length > 0;
  if (!ok)
    logRefusal(
      services.logger,
      "private-url",
      { inbox: to.inboxId.href },
      "not delivering to an inbox on a private address",
    );
  return ok;
}
