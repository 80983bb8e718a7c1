// Domain events: written to the durable queue in the same transaction as the change they announce,
// then turned into activities by federation/outbox.ts. Nothing here knows about ActivityPub.
import type { Db } from "../db/client.ts";
import { enqueueInTransaction } from "../db/message-queue.ts";

export type DomainEvent =
  | { readonly commonhost: "profile.updated" }
  | { readonly commonhost: "announcement.created"; readonly id: string }
  | { readonly commonhost: "announcement.updated"; readonly id: string }
  | { readonly commonhost: "announcement.deleted"; readonly id: string; readonly deletedAt: string }
  | { readonly commonhost: "follow.requested"; readonly actorUri: string }
  | {
      readonly commonhost: "follow.undone";
      readonly actorUri: string;
      readonly followId: string;
      readonly inbox: string;
    }
  | { readonly commonhost: "inquiry.sent"; readonly id: string }
  | { readonly commonhost: "follow.accepted"; readonly actorUri: string }
  | { readonly commonhost: "replica.changed"; readonly actorUri: string; readonly depth: number };

export function recordEvent(tx: Db, event: DomainEvent): Promise<void> {
  return enqueueInTransaction(tx, event);
}
