import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { DatabaseMessageQueue, type QueueOptions } from "../../src/db/message-queue.ts";
import { createLogger } from "../../src/logging.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { eventually } from "../helpers/instance.ts";

// Two listeners stand for two worker processes. On PostgreSQL each has its own connection pool, so
// they really race for rows (FOR UPDATE SKIP LOCKED); PGlite is one connection and serialises them.
describe("DatabaseMessageQueue", { timeout: 90_000 }, () => {
  let testDatabase: TestDatabase;
  const handles: Database[] = [];
  const stops: AbortController[] = [];
  const runs: Promise<void>[] = [];

  beforeEach(async () => {
    testDatabase = await freshDatabase();
  });
  afterEach(async () => {
    for (const s of stops.splice(0)) s.abort();
    await Promise.allSettled(runs.splice(0));
    for (const h of handles.splice(0)) await h.close();
    await testDatabase.drop();
  });

  const logger = createLogger("silent");
  async function worker(options: Partial<QueueOptions> = {}) {
    // PGlite is one process-local database: both workers share the handle. PostgreSQL: one pool each.
    const database = testDatabase.target.databaseUrl || handles.length === 0 ? await testDatabase.open() : handles[0]!;
    if (!handles.includes(database)) handles.push(database);
    return new DatabaseMessageQueue(database, { pollMs: 20, logger, ...options });
  }
  function listen(queue: DatabaseMessageQueue, handler: (m: unknown) => Promise<void>) {
    const stop = new AbortController();
    stops.push(stop);
    runs.push(queue.listen(handler, { signal: stop.signal }));
  }
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const rowsIn = async (database: Database, table: string) =>
    (await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  it("hands every message to exactly one of two workers", async () => {
    const first = await worker({ concurrency: 4 });
    const second = await worker({ concurrency: 4 });
    const seen: { n: number; by: string }[] = [];
    const handler = (by: string) => async (m: unknown) => {
      await pause(Math.random() * 5);
      seen.push({ n: (m as { n: number }).n, by });
    };
    const total = 120;
    await first.enqueueMany(Array.from({ length: total }, (_, n) => ({ n })));
    listen(first, handler("first"));
    listen(second, handler("second"));
    await eventually(() => seen.length >= total, 60_000, "every message handled");
    await pause(200);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => s.n)).size).toBe(total);
    expect(await rowsIn(handles[0]!, "queue_messages")).toBe(0);
    if (testDatabase.target.databaseUrl) {
      // Real concurrency: both workers took a share.
      expect(seen.some((s) => s.by === "first") && seen.some((s) => s.by === "second")).toBe(true);
    }
  });

  it("gives a message whose worker died to another once its lease runs out, not before", async () => {
    const queue = await worker();
    await queue.enqueue({ n: "orphan" });
    await queue.enqueue({ n: "held" });
    const db = handles[0]!;
    // A worker took both and died: one lease has run out, the other is still good for an hour.
    await db.rows(
      sql`update queue_messages set attempts = 1, leased_until = now() - interval '1 second' where payload->>'n' = 'orphan'`,
    );
    await db.rows(
      sql`update queue_messages set attempts = 1, leased_until = now() + interval '1 hour' where payload->>'n' = 'held'`,
    );
    const seen: string[] = [];
    listen(queue, async (m) => {
      seen.push((m as { n: string }).n);
    });
    await eventually(() => seen.includes("orphan"), 15_000, "the orphan to be taken");
    await pause(300);
    expect(seen).toEqual(["orphan"]);
    expect(await rowsIn(db, "queue_messages")).toBe(1);
  });

  it("does not give a message to another worker while its handler is still working on it", async () => {
    const first = await worker({ leaseMs: 300 });
    const second = await worker({ leaseMs: 300 });
    await first.enqueue({ n: "slow" });
    let runs = 0;
    const handler = async () => {
      runs++;
      await pause(1500);
    };
    listen(first, handler);
    listen(second, handler);
    await eventually(async () => (await first.getDepth()).queued === 0, 15_000, "the slow message to finish");
    expect(runs).toBe(1);
  });

  it("lets another worker take a message whose handler is stuck past maxHoldMs", async () => {
    // One message at a time, so the stuck worker cannot take the message back itself.
    const stuck = await worker({ leaseMs: 300, maxHoldMs: 600, concurrency: 1 });
    const healthy = await worker({ leaseMs: 300 });
    await stuck.enqueue({ n: "x" });
    const seen: string[] = [];
    listen(stuck, async () => {
      seen.push("stuck");
      await new Promise(() => {}); // never settles, like a hung connection
    });
    await eventually(() => seen.length === 1, 15_000, "the stuck worker to take it");
    listen(healthy, async () => {
      seen.push("healthy");
    });
    await eventually(() => seen.includes("healthy"), 15_000, "the healthy worker to take it over");
    expect(seen).toEqual(["stuck", "healthy"]);
  });

  it("keeps a delayed message until its time", async () => {
    const queue = await worker();
    const seen: { n: string; at: number }[] = [];
    const start = Date.now();
    await queue.enqueue({ n: "later" }, { delay: Temporal.Duration.from({ milliseconds: 1500 }) });
    await queue.enqueue({ n: "now" });
    expect(await queue.getDepth()).toMatchObject({ queued: 2, ready: 1, delayed: 1 });
    listen(queue, async (m) => {
      seen.push({ n: (m as { n: string }).n, at: Date.now() });
    });
    await eventually(() => seen.length === 2, 15_000, "both messages");
    expect(seen.map((s) => s.n)).toEqual(["now", "later"]);
    expect(seen[1]!.at - start).toBeGreaterThanOrEqual(1400);
  });

  it("handles messages that share an ordering key one at a time, in order", async () => {
    const first = await worker({ concurrency: 4 });
    const second = await worker({ concurrency: 4 });
    for (let n = 0; n < 12; n++) await first.enqueue({ n }, { orderingKey: n % 2 === 0 ? "even" : "odd" });
    const order: Record<string, number[]> = { even: [], odd: [] };
    const inFlight: Record<string, number> = { even: 0, odd: 0 };
    let overlap = false;
    const handler = async (m: unknown) => {
      const { n } = m as { n: number };
      const key = n % 2 === 0 ? "even" : "odd";
      if (++inFlight[key]! > 1) overlap = true;
      await pause(10 + Math.random() * 20);
      order[key]!.push(n);
      inFlight[key]!--;
    };
    listen(first, handler);
    listen(second, handler);
    await eventually(() => order.even!.length + order.odd!.length === 12, 30_000, "every message");
    expect(overlap).toBe(false);
    expect(order.even).toEqual([0, 2, 4, 6, 8, 10]);
    expect(order.odd).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it("retries a failing message with a growing pause, and moves a poisoned one to the dead letters without blocking others", async () => {
    const queue = await worker({ maxAttempts: 3, retryBaseMs: 50, concurrency: 1 });
    const attempts: Record<string, number[]> = {};
    listen(queue, async (m) => {
      const { n } = m as { n: string };
      attempts[n] = [...(attempts[n] ?? []), Date.now()];
      if (n === "poison") throw new Error("this message always fails");
      if (n === "flaky" && attempts[n]!.length < 3) throw new Error("not yet");
    });
    await queue.enqueue({ n: "poison" });
    await queue.enqueue({ n: "flaky" });
    for (let i = 0; i < 5; i++) await queue.enqueue({ n: `ok${i}` });
    await eventually(
      async () => (await queue.listDeadLetters()).length === 1,
      30_000,
      "the poisoned message to be given up",
    );
    await eventually(() => attempts.flaky?.length === 3, 30_000, "the flaky message to succeed");
    for (let i = 0; i < 5; i++) expect(attempts[`ok${i}`]).toHaveLength(1);
    expect(attempts.poison).toHaveLength(3);
    // The pauses grow: 50 ms then 100 ms at least.
    const [p0, p1, p2] = attempts.poison!;
    expect(p1! - p0!).toBeGreaterThanOrEqual(45);
    expect(p2! - p1!).toBeGreaterThanOrEqual(95);
    const [dead] = await queue.listDeadLetters();
    expect(dead).toMatchObject({ payload: { n: "poison" }, attempts: 3 });
    expect(dead!.lastError).toContain("always fails");
    expect(await rowsIn(handles[0]!, "queue_messages")).toBe(0);
    // An operator can put it back.
    expect(await queue.requeueDeadLetter(dead!.messageId)).toBe(true);
    // At least: it fails again at once and is retried after 50 ms, so a slow poll may see a later count.
    await eventually(() => attempts.poison!.length >= 4, 30_000, "the requeued message to run again");
  });

  it("gives up on a message whose workers keep dying while they hold it", async () => {
    const queue = await worker({ maxAttempts: 2 });
    await queue.enqueue({ n: "crasher" });
    await handles[0]!.rows(sql`update queue_messages set attempts = 2, leased_until = now() - interval '1 second'`);
    const seen: unknown[] = [];
    listen(queue, async (m) => {
      seen.push(m);
    });
    await eventually(async () => (await queue.listDeadLetters()).length === 1, 15_000, "the message to be given up");
    expect(seen).toEqual([]);
  });
});
