// Domain events: written to the durable queue in the same transaction as the change they announce,
// then sent by the outbox (federation/outbox/). Nothing here knows about ActivityPub.
// Each area declares its own events next to its code; they are joined here, one line per area.
import type { Db } from "../db/client.ts";
import { enqueueInTransaction } from "../db/message-queue.ts";
import type { AidEvent } from "./aid/events.ts";
import type { AnnouncementEvent } from "./announcements/events.ts";
import type { DirectoryEvent } from "./directory/events.ts";
import type { DocsEvent } from "./docs/events.ts";
import type { EmergencyEvent } from "./emergencies/events.ts";
import type { FollowersEvent } from "./followers/events.ts";
import type { FollowingEvent } from "./following/events.ts";
import type { GroupEvent } from "./groups/events.ts";
import type { NetworkEvent } from "./networks/events.ts";
import type { ProviderEvent } from "./provider/events.ts";
import type { ShutdownEvent } from "./shutdown/events.ts";

export type DomainEvent =
  | ProviderEvent
  | AnnouncementEvent
  | FollowersEvent
  | FollowingEvent
  | DirectoryEvent
  | NetworkEvent
  | DocsEvent
  | ShutdownEvent
  | EmergencyEvent
  | GroupEvent
  | AidEvent;

export type EventName = DomainEvent["commonhost"];
export type EventOf<N extends EventName> = Extract<DomainEvent, { commonhost: N }>;

/** Records an event; `tx` is the transaction of the change it announces. */
export function recordEvent(tx: Db, event: DomainEvent): Promise<void> {
  return enqueueInTransaction(tx, event);
}
