// Fedify's MessageQueue on the project's database. Messages are rows; a worker leases one with
// FOR UPDATE SKIP LOCKED, so several processes can share the queue, and a crashed worker's lease
// runs out so another one delivers the message. PGlite runs the same SQL, one statement at a time.
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import { sql } from "drizzle-orm";
import type { Logger } from "../logging.ts";
import type { Database, Db } from "./client.ts";
import { listDeadLetters, queueStatus, requeueDeadLetters, type DeadLetter } from "./queue-admin.ts";
import { queueMessages } from "./schema/index.ts";

/** Messages that the application itself puts on the queue (domain events), next to Fedify's. */
export type ApplicationMessage = { readonly commonhost: string; readonly [key: string]: unknown };
export const isApplicationMessage = (m: unknown): m is ApplicationMessage =>
  typeof m === "object" && m !== null && typeof (m as { commonhost?: unknown }).commonhost === "string";

export type QueueOptions = {
  readonly pollMs: number;
  /**
   * How long a message stays leased without a sign of life from its worker; the worker renews the
   * lease while it works, so this bounds how long a crashed worker's messages wait, not how long a
   * handler may run.
   */
  readonly leaseMs?: number;
  /** Messages processed at once by one listener. */
  readonly concurrency?: number;
  /** How long a worker keeps renewing a lease: a handler stuck longer than this loses its message. */
  readonly maxHoldMs?: number;
  /** Tries before a message whose handler keeps failing moves to queue_dead_letters. */
  readonly maxAttempts?: number;
  /** Pause after the first failure; it doubles with each further failure, up to an hour. */
  readonly retryBaseMs?: number;
  readonly logger: Logger;
};

type Row = { id: number | string; payload: unknown; attempts: number };

const MAX_RETRY_PAUSE_MS = 60 * 60_000;

/** The pause before a failed message is tried again: base × 2^(attempts − 1), capped at an hour. */
export function retryPauseMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_PAUSE_MS, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

/** Puts a message on the queue inside the caller's transaction, so a domain change and its event commit together. */
export async function enqueueInTransaction(tx: Db, message: ApplicationMessage): Promise<void> {
  await tx.insert(queueMessages).values({ payload: message });
}

export class DatabaseMessageQueue implements MessageQueue {
  readonly #database: Database;
  readonly #options: Required<QueueOptions>;
  readonly #wakers = new Set<() => void>();
  #applicationHandler: ((message: ApplicationMessage) => Promise<void>) | undefined;

  constructor(database: Database, options: QueueOptions) {
    this.#database = database;
    this.#options = {
      leaseMs: 60_000,
      maxHoldMs: 15 * 60_000,
      concurrency: 4,
      maxAttempts: 10,
      retryBaseMs: 1000,
      ...options,
    };
  }

  /** Handles the application's own messages; Fedify's go to the handler Fedify passes to listen(). */
  onApplicationMessage(handler: (message: ApplicationMessage) => Promise<void>): void {
    this.#applicationHandler = handler;
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const delayMs = options?.delay ? Math.max(0, options.delay.total({ unit: "milliseconds" })) : 0;
    const availableAt = new Date(Date.now() + delayMs);
    await this.#database.db
      .insert(queueMessages)
      .values(messages.map((payload) => ({ payload, availableAt, orderingKey: options?.orderingKey ?? null })));
    if (delayMs === 0) this.wake();
  }

  /** Tells idle listeners in this process to look for work now instead of at the next poll. */
  wake(): void {
    for (const waker of this.#wakers) waker();
  }

  /** Fedify's view of the queue: what is not ready (held by a worker, or waiting for its time) is delayed. */
  async getDepth(): Promise<{ queued: number; ready: number; delayed: number }> {
    const { queued, ready } = await queueStatus(this.#database);
    return { queued, ready, delayed: queued - ready };
  }

  async listen(
    handler: (message: unknown) => Promise<void> | void,
    options: MessageQueueListenOptions = {},
  ): Promise<void> {
    const { signal } = options;
    const { concurrency, pollMs, logger } = this.#options;
    let running = 0;
    let wakeUp: (() => void) | undefined;
    // A wake-up that comes while the listener is busy (claiming, say) is remembered, not lost:
    // otherwise a message enqueued at that moment would wait for the next poll.
    let woken = false;
    const waker = () => {
      woken = true;
      wakeUp?.();
    };
    this.#wakers.add(waker);
    signal?.addEventListener("abort", waker);
    const inFlight = new Set<Promise<void>>();
    // Settles on abort, so a worker busy with stuck handlers still stops.
    const stopped = new Promise<void>((resolve) => {
      if (signal?.aborted) resolve();
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
    try {
      while (!signal?.aborted) {
        if (running >= concurrency) {
          await Promise.race([...inFlight, stopped]);
          continue;
        }
        let row: Row | undefined;
        woken = false;
        try {
          row = await this.#claim();
        } catch (error) {
          if (signal?.aborted) break;
          logger.error({ err: error }, "could not read the queue");
        }
        if (!row) {
          if (woken) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = undefined;
          continue;
        }
        running++;
        const job = this.#process(row, handler).finally(() => {
          running--;
          inFlight.delete(job);
        });
        inFlight.add(job);
      }
      // Let running handlers finish, but do not hang a shutdown on a stuck one: its lease runs out
      // and another worker takes its message.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, Math.min(this.#options.leaseMs, 10_000))),
      );
      await Promise.race([Promise.allSettled(inFlight), grace]);
      clearTimeout(timer);
    } finally {
      this.#wakers.delete(waker);
      signal?.removeEventListener("abort", waker);
    }
  }

  async #claim(): Promise<Row | undefined> {
    // Messages sharing an ordering key go one at a time, oldest first.
    const [row] = await this.#database.rows<Row>(sql`
      update queue_messages set leased_until = now() + ${`${this.#options.leaseMs} milliseconds`}::interval,
                                attempts = attempts + 1
      where id = (
        select m.id from queue_messages m
        where m.available_at <= now() and (m.leased_until is null or m.leased_until < now())
          and (m.ordering_key is null or not exists (
            select 1 from queue_messages o
            where o.ordering_key = m.ordering_key and o.id < m.id))
        order by m.available_at, m.id
        for update skip locked
        limit 1)
      returning id, payload, attempts`);
    return row;
  }

  async #process(row: Row, handler: (message: unknown) => Promise<void> | void): Promise<void> {
    const { logger, maxAttempts, retryBaseMs } = this.#options;
    // attempts counts claims: a message that already had its tries (its workers kept dying while
    // holding it, e.g. it crashes the process) is not run again.
    if (row.attempts > maxAttempts) {
      await this.#deadLetter(row, "the worker holding it stopped before it finished, too many times");
      return;
    }
    // Renew the lease while the handler runs, a third of the way into each lease, but not for ever:
    // a handler stuck past maxHoldMs lets another worker take the message.
    const holdUntil = Date.now() + this.#options.maxHoldMs;
    const renewal = setInterval(
      () => {
        if (Date.now() > holdUntil) {
          clearInterval(renewal);
          logger.warn({ messageId: row.id }, "queue handler still running; letting the lease run out");
          return;
        }
        this.#database
          .rows(
            sql`update queue_messages set leased_until = now() + ${`${this.#options.leaseMs} milliseconds`}::interval where id = ${row.id}`,
          )
          .catch((e: unknown) => logger.warn({ err: e, messageId: row.id }, "could not renew a queue lease"));
      },
      Math.max(100, Math.floor(this.#options.leaseMs / 3)),
    );
    try {
      if (isApplicationMessage(row.payload)) {
        if (!this.#applicationHandler) throw new Error(`no handler for application message ${row.payload.commonhost}`);
        await this.#applicationHandler(row.payload);
      } else {
        await handler(row.payload);
      }
      await this.#database.rows(sql`delete from queue_messages where id = ${row.id}`);
    } catch (error) {
      // Fedify retries its own failed deliveries by enqueueing again; this guards against a handler
      // that throws, with a growing pause, and gives up after maxAttempts so a poisoned message
      // cannot spin for ever. Other messages are not held up: this one simply is not available.
      if (row.attempts >= maxAttempts) {
        await this.#deadLetter(row, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        return;
      }
      const pauseMs = retryPauseMs(row.attempts, retryBaseMs);
      logger.warn(
        { err: error, messageId: row.id, attempts: row.attempts, retryInMs: pauseMs },
        "queue message failed; will retry",
      );
      await this.#database
        .rows(sql`update queue_messages set leased_until = null,
                    available_at = now() + ${`${pauseMs} milliseconds`}::interval where id = ${row.id}`)
        .catch((e: unknown) => logger.error({ err: e }, "could not release a failed queue message"));
    } finally {
      clearInterval(renewal);
    }
  }

  /** Moves a message to queue_dead_letters in one statement, so it is never both or neither. */
  async #deadLetter(row: Row, reason: string): Promise<void> {
    const { logger } = this.#options;
    try {
      await this.#database.rows(sql`
        with moved as (delete from queue_messages where id = ${row.id} returning *)
        insert into queue_dead_letters (message_id, payload, ordering_key, attempts, last_error, created_at)
        select id, payload, ordering_key, attempts, ${reason.slice(0, 2000)}, created_at from moved`);
      logger.error({ messageId: row.id, attempts: row.attempts, reason }, "queue message moved to the dead letters");
    } catch (error) {
      logger.error({ err: error, messageId: row.id }, "could not move a failed queue message to the dead letters");
    }
  }

  /** Messages given up on, newest first (for operators and tests). */
  listDeadLetters(limit = 100): Promise<DeadLetter[]> {
    return listDeadLetters(this.#database, limit);
  }

  /** Puts a dead letter back on the queue with a fresh count of tries. */
  async requeueDeadLetter(messageId: number): Promise<boolean> {
    const requeued = await requeueDeadLetters(this.#database, messageId);
    if (requeued.length > 0) this.wake();
    return requeued.length > 0;
  }
}
