import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { findFollowed, listFeed } from "../../src/domain/following/following.ts";
import { followRemote } from "../../src/federation/follow-remote.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { spawnInstance, type ChildInstance } from "../helpers/child-instance.ts";
import { freshDatabase, type TestDatabase } from "../helpers/database.ts";
import { eventually, freePort, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

describe("a sender that crashes", () => {
  let sender: ChildInstance | undefined;
  let senderDatabase: TestDatabase | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => {
    await sender?.kill("SIGKILL");
    await stopAll(b);
    await senderDatabase?.drop();
  });

  it("delivers a queued activity after being killed with SIGKILL and started again", { timeout: 180_000 }, async () => {
    senderDatabase = await freshDatabase();
    const setup = await senderDatabase.open();
    expect((await setupProvider(setup.db, { handle: "alpha", name: "Alpha" })).ok).toBe(true);
    await setup.close();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const { databaseUrl, dataDir } = senderDatabase.target;
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: origin,
      DATA_DIR: dataDir || "/nonexistent",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ALLOW_PRIVATE_ADDRESS: "true",
      LOG_LEVEL: "info",
      QUEUE_POLL_MS: "50",
      QUEUE_LEASE_MS: "1000",
      DELIVERY_RETRY_INITIAL_MS: "300",
    };
    sender = await spawnInstance(origin, env);

    b = await startInstance({ handle: "beta" });
    expect((await followRemote(b.federation, b.services, `${origin}/actors/alpha`)).ok).toBe(true);
    await eventually(
      async () => (await findFollowed(b!.services.database.db, `${origin}/actors/alpha`))?.state === "accepted",
      30_000,
      "the follow",
    );

    b = await b.restart(async () => {
      // While B is down: the sender posts (written while it is stopped, as PGlite allows one process).
      await sender!.kill("SIGKILL");
      const database = await senderDatabase!.open();
      const created = await createAnnouncement(
        database.db,
        { content: "Survives a crash" },
        (t) => tagUrl(origin, t).href,
      );
      expect(created.ok).toBe(true);
      await database.close();
      sender = await spawnInstance(origin, env);
      await eventually(
        () => sender!.output.some((line) => line.includes("Failed to send activity")),
        60_000,
        "a failed delivery to B",
      );
      // Killed in the middle of retrying: the delivery must still be on the queue.
      await sender.kill("SIGKILL");
      const after = await senderDatabase!.open();
      const [queued] = await after.rows<{ n: number }>(sql`select count(*)::int as n from queue_messages`);
      await after.close();
      expect(queued!.n).toBeGreaterThan(0);
      sender = await spawnInstance(origin, env);
    });
    const item = await eventually(
      async () => (await listFeed(b!.services.database.db, { limit: 5 }))[0],
      60_000,
      "B to receive the announcement",
    );
    expect(item.html).toContain("Survives a crash");
  });
});
