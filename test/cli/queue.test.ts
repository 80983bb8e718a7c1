import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseMessageQueue } from "../../src/db/message-queue.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { createLogger } from "../../src/logging.ts";
import { cli, databaseVars, STACK_LINE } from "../helpers/cli.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

// Shaped like Fedify's delivery message: it carries the instance's private key, which must never be printed.
const SECRET_KEY_MATERIAL = "d-private-key-material-never-printed";
const outboxMessage = {
  type: "outbox",
  id: "00000000-0000-4000-8000-000000000001",
  baseUrl: "https://hosting.example",
  keys: [{ keyId: "https://hosting.example/actors/coop#main-key", privateKey: { kty: "RSA", d: SECRET_KEY_MATERIAL } }],
  activity: { type: "Create", content: "the activity itself is not printed either" },
  activityType: "https://www.w3.org/ns/activitystreams#Create",
  inbox: "https://remote.example/users/bob/inbox",
  sharedInbox: false,
  started: new Date().toISOString(),
  attempt: 0,
  headers: {},
  traceContext: {},
};

/** Makes real dead letters: each message fails its one try, by handlers that throw. */
async function deadLetters(testDatabase: TestDatabase, messages: unknown[]): Promise<void> {
  const database = await testDatabase.open();
  const queue = new DatabaseMessageQueue(database, { pollMs: 20, maxAttempts: 1, logger: createLogger("silent") });
  // No application handler is registered: application events fail with "no handler".
  const stop = new AbortController();
  const listening = queue.listen(
    async () => {
      throw new Error("remote.example answered\u001b[31m 500\nInternal Server Error");
    },
    { signal: stop.signal },
  );
  await queue.enqueueMany(messages);
  await eventually(
    async () => (await queue.listDeadLetters()).length >= messages.length,
    30_000,
    "the messages to be given up",
  );
  stop.abort();
  await listening;
  await database.close();
}

async function queueRows(testDatabase: TestDatabase) {
  const database = await testDatabase.open();
  try {
    return await database.rows<{ payload: { commonhost?: string; type?: string }; attempts: number }>(
      sql`select payload, attempts from queue_messages order by id`,
    );
  } finally {
    await database.close();
  }
}

describe("commonhost queue", () => {
  let database: TestDatabase | undefined;
  let instance: TestInstance | undefined;
  afterEach(async () => {
    if (instance) await stopAll(instance);
    else await database?.drop();
    instance = undefined;
    database = undefined;
  });

  it("shows the queue and its dead letters without their content, and retries or drops them", {
    timeout: 240_000,
  }, async () => {
    database = await freshDatabase();
    await deadLetters(database, [
      outboxMessage,
      { commonhost: "announcement.created", id: "a1" },
      { commonhost: "profile.updated" },
    ]);
    const vars = databaseVars(database);

    const status = await cli(["queue", "status"], vars);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("Queued: 0 (ready 0, delayed 0, in progress 0)");
    expect(status.stdout).toContain("Dead letters: 3");

    const dead = await cli(["queue", "dead"], vars);
    expect(dead.code, dead.stderr).toBe(0);
    const lines = dead.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    const line = (kind: string) => lines.find((l) => l.includes(kind))!;
    expect(line("fedify outbox: Create to https://remote.example/users/bob/inbox")).toMatch(
      /^\d+ {2}failed \d{4}-\d\d-\d\dT\S+Z {2}1 attempts /,
    );
    // The handler's error, on one line, without the terminal escape it contained.
    expect(line("fedify outbox")).toContain("Error: remote.example answered [31m 500 Internal Server Error");
    expect(line("event announcement.created")).toContain("no handler for application message announcement.created");
    expect(line("event profile.updated")).toBeDefined();
    expect(dead.stdout).not.toContain(SECRET_KEY_MATERIAL);
    expect(dead.stdout).not.toContain("privateKey");
    expect(dead.stdout).not.toContain("the activity itself");
    expect(dead.stdout).not.toContain("\u001b");
    const idOf = (kind: string) => line(kind).split(" ")[0]!;

    const limited = await cli(["queue", "dead", "--limit", "1"], vars);
    // The newest first: the first line of the whole list (the three failed side by side, in any order).
    expect(limited.stdout.trim().split("\n")).toEqual([lines[0], "… and 2 older (use --limit to see more)."]);

    const retried = await cli(["queue", "retry", idOf("announcement.created")], vars);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(
      new RegExp(`^Dead letter ${idOf("announcement.created")} is back on the queue as message \\d+`),
    );
    // Back on the queue with a fresh count of tries, and no longer a dead letter.
    expect(await queueRows(database)).toEqual([
      { payload: { commonhost: "announcement.created", id: "a1" }, attempts: 0 },
    ]);
    expect((await cli(["queue", "status"], vars)).stdout).toContain(
      "Queued: 1 (ready 1, delayed 0, in progress 0)\nDead letters: 2",
    );
    const again = await cli(["queue", "retry", idOf("announcement.created")], vars);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No dead letter has the id ${idOf("announcement.created")}`);

    const dropped = await cli(["queue", "drop", idOf("profile.updated")], vars);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).toContain(`Dead letter ${idOf("profile.updated")} deleted.`);
    const after = await cli(["queue", "dead"], vars);
    expect(after.stdout).not.toContain("profile.updated");
    expect(after.stdout).toContain("fedify outbox");
    expect((await cli(["queue", "drop", idOf("profile.updated")], vars)).code).toBe(1);

    const all = await cli(["queue", "retry", "--all"], vars);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain("1 dead letter is back on the queue.");
    expect((await queueRows(database)).map((r) => [r.payload.commonhost ?? r.payload.type, r.attempts])).toEqual([
      ["announcement.created", 0],
      ["outbox", 0],
    ]);
    expect((await cli(["queue", "dead"], vars)).stdout).toBe("No dead letters.\n");
  });

  it("answers bad input with a message and exit code 2, never a stack trace", { timeout: 120_000 }, async () => {
    database = await freshDatabase();
    const vars = databaseVars(database);
    const runs = await Promise.all([
      cli(["queue"], vars),
      cli(["queue", "frobnicate"], vars),
      cli(["queue", "retry"], vars),
      cli(["queue", "retry", "12", "--all"], vars),
      cli(["queue", "retry", "abc"], vars),
      cli(["queue", "drop", "-5"], vars),
      cli(["queue", "drop"], vars),
      cli(["queue", "dead", "--limit", "lots"], vars),
      cli(["queue", "status", "--all"], vars),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("Usage: commonhost queue");
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
    expect(runs[4]!.stderr).toContain('"abc" is not a dead letter id');
    expect(runs[7]!.stderr).toContain("--limit needs a whole number");
  });

  it("leaves the embedded database to a running server, saying so; PostgreSQL is shared", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null });
    database = instance.testDatabase;
    const status = await cli(["queue", "status"], databaseVars(database));
    if (database.target.databaseUrl) {
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain("Dead letters: 0");
    } else {
      expect(status.code).toBe(1);
      expect(status.stderr).toContain("is in use by process");
      expect(status.stderr).toContain("is `commonhost serve` running?");
      expect(status.stderr).toContain("--token TOKEN or COMMONHOST_TOKEN");
      expect(status.stderr).not.toMatch(STACK_LINE);
    }
  });

  it("asks the running server's API with a token, on either database", { timeout: 180_000 }, async () => {
    instance = await startInstance({ handle: null, queue: false });
    database = instance.testDatabase;
    await instance.services.database.rows(sql`
      insert into queue_dead_letters (message_id, payload, attempts, last_error, created_at)
      values (4242, ${JSON.stringify({ commonhost: "profile.updated" })}::jsonb, 7, 'refused', now())`);
    const created = await createToken(instance.services.database.db, "cli");
    if (!created.ok) throw new Error("no token");
    const vars = { ...databaseVars(database), HOST: "127.0.0.1", PORT: String(instance.config.port) };

    const status = await cli(["queue", "status", "--token", created.value.token], vars);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("Queued: 0 (ready 0, delayed 0, in progress 0)");
    expect(status.stdout).toContain("Dead letters: 1");
    const dead = await cli(["queue", "dead"], { ...vars, COMMONHOST_TOKEN: created.value.token });
    expect(dead.code, dead.stderr).toBe(0);
    expect(dead.stdout).toMatch(/^4242 {2}failed \S+ {2}7 attempts {2}event profile.updated {2}refused\n$/);
    const retried = await cli(["queue", "retry", "4242", "--token", created.value.token], vars);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(/^Dead letter 4242 is back on the queue as message \d+\.\n$/);
    const missing = await cli(["queue", "drop", "4242", "--token", created.value.token], vars);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No dead letter has the id 4242");
    const wrong = await cli(["queue", "status", "--token", "chp_wrong"], vars);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).not.toMatch(STACK_LINE);
  });
});
