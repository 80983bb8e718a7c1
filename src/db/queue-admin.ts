// What operators see of the durable queue and do with its dead letters (`commonhost queue`).
// Plain statements on the tables, so the command line needs no running queue.
import { count, desc, eq } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { queueDeadLetters } from "./schema/index.ts";

export type QueueStatus = {
  /** Every message on the queue: ready + delayed + inProgress. */
  readonly queued: number;
  /** Waiting for a worker now. */
  readonly ready: number;
  /** Waiting for their time: a retry pause or a scheduled delivery. */
  readonly delayed: number;
  /** Held by a worker right now. */
  readonly inProgress: number;
  /** Of those queued, messages that failed at least once and wait for another try. */
  readonly retrying: number;
  readonly deadLetters: number;
};

export async function queueStatus(database: Database): Promise<QueueStatus> {
  const [row] = await database.rows<{
    queued: number;
    ready: number;
    inProgress: number;
    retrying: number;
    deadLetters: number;
  }>(sql`
    select count(*)::int as queued,
           count(*) filter (where attempts > 0 and (leased_until is null or leased_until < now()))::int as retrying,
           count(*) filter (where available_at <= now() and (leased_until is null or leased_until < now()))::int as ready,
           count(*) filter (where leased_until >= now())::int as "inProgress",
           (select count(*)::int from queue_dead_letters) as "deadLetters"
    from queue_messages`);
  const { queued = 0, ready = 0, inProgress = 0, retrying = 0, deadLetters = 0 } = row ?? {};
  return { queued, ready, delayed: queued - ready - inProgress, inProgress, retrying, deadLetters };
}

export type DeadLetter = {
  /** The id the message had on the queue: what operators name it by. */
  readonly messageId: number;
  readonly payload: unknown;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly queuedAt: Date;
  readonly failedAt: Date;
};

/** Dead letters, the most recently given up first. */
export async function listDeadLetters(database: Database, limit = 100): Promise<DeadLetter[]> {
  return database.db
    .select({
      messageId: queueDeadLetters.messageId,
      payload: queueDeadLetters.payload,
      attempts: queueDeadLetters.attempts,
      lastError: queueDeadLetters.lastError,
      queuedAt: queueDeadLetters.createdAt,
      failedAt: queueDeadLetters.failedAt,
    })
    .from(queueDeadLetters)
    .orderBy(desc(queueDeadLetters.id))
    .limit(limit);
}

export async function countDeadLetters(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(queueDeadLetters);
  return Number(row?.n ?? 0);
}

/**
 * Puts dead letters back on the queue with a fresh count of tries, in one statement so that none is
 * both or neither; all of them without a message id. Returns the ids they have on the queue now.
 */
export async function requeueDeadLetters(database: Database, messageId?: number): Promise<number[]> {
  const which = messageId === undefined ? sql`true` : sql`message_id = ${messageId}`;
  const rows = await database.rows<{ id: number }>(sql`
    with taken as (delete from queue_dead_letters where ${which} returning id, payload, ordering_key)
    insert into queue_messages (payload, ordering_key) select payload, ordering_key from taken order by id
    returning id::int as id`);
  return rows.map((r) => r.id);
}

/** Deletes a dead letter for good. */
export async function dropDeadLetter(database: Database, messageId: number): Promise<boolean> {
  const rows = await database.db
    .delete(queueDeadLetters)
    .where(eq(queueDeadLetters.messageId, messageId))
    .returning({ id: queueDeadLetters.id });
  return rows.length > 0;
}
