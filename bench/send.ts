// How long sending an activity to all followers takes as the follower count grows: the outbox's
// sendToFollowers (queues the activity once, fanned out a page at a time later) against Fedify's own
// sendActivity to "followers" (reads every follower and queues one message naming every inbox). Followers are seeded straight into the database (on
// 1,000 remote servers, as followers cluster on servers); the queue is not processed meanwhile.
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { createAnnouncement } from "../src/domain/announcements/announcements.ts";
import { findProvider } from "../src/domain/provider/provider.repository.ts";
import { sendToFollowers } from "../src/federation/outbox/fanout.ts";
import { announcementToCreate, tagUrl } from "../src/federation/mappers/note.ts";
import { createInstance } from "../src/instance.ts";
import { createLogger } from "../src/logging.ts";
import { benchDatabaseUrl, quick } from "./lib/env.ts";
import { benchDatabase } from "./lib/databases.ts";
import { median, type Figure } from "./lib/stats.ts";

const SIZES = [10, 1000, 10_000];
const REPEATS = quick ? 3 : 7;
const TARGET_MS = 50;

async function benchOne(kind: "pglite" | "postgres", url: string | undefined): Promise<Figure[]> {
  const database = await benchDatabase(kind, url);
  const config = loadConfig({
    ...database.env,
    PORT: "0",
    ORIGIN: "https://bench.example",
    LOG_LEVEL: "warn",
    // The seeded followers' hosts do not resolve here; the address check runs when the queue delivers, not when sending.
    ALLOW_PRIVATE_ADDRESS: "true",
  });
  const instance = await createInstance(config, createLogger(config.logLevel));
  try {
    const { db } = instance.services.database;
    const provider = (await findProvider(db))!;
    const created = await createAnnouncement(
      db,
      { content: "Maintenance tonight #ops", language: "en" },
      (t) => tagUrl(config.origin, t).href,
    );
    if (!created.ok) throw new Error("could not create the announcement");
    const ctx = instance.federation.createContext(new URL(config.origin), instance.services);
    const timings = new Map<number, number[]>();
    const fedifyTimings = new Map<number, number[]>();
    let seeded = 0;
    for (const size of SIZES) {
      await instance.services.database.rows(sql`
        insert into followers (actor_uri, follow_id, inbox, shared_inbox)
        select 'https://s' || (i % 1000) || '.example/users/u' || i, 'https://s' || (i % 1000) || '.example/follows/' || i,
               'https://s' || (i % 1000) || '.example/users/u' || i || '/inbox', 'https://s' || (i % 1000) || '.example/inbox'
        from generate_series(${seeded}::int, ${size - 1}::int) as i`);
      seeded = size;
      const runs: number[] = [];
      const fedifyRuns: number[] = [];
      for (let r = 0; r <= REPEATS; r++) {
        // The first call of each warms up (key import, JIT) and is not counted.
        let started = performance.now();
        await sendToFollowers(ctx, provider.handle, announcementToCreate(ctx, provider.handle, created.value));
        if (r > 0) runs.push(performance.now() - started);
        started = performance.now();
        await ctx.sendActivity(
          { identifier: provider.handle },
          "followers",
          announcementToCreate(ctx, provider.handle, created.value),
          { preferSharedInbox: true },
        );
        if (r > 0) fedifyRuns.push(performance.now() - started);
        await instance.services.database.rows(sql`delete from queue_messages`);
      }
      timings.set(size, runs);
      fedifyTimings.set(size, fedifyRuns);
    }
    const base = median(timings.get(SIZES[0]!)!);
    const fedifyBase = median(fedifyTimings.get(SIZES[0]!)!);
    return SIZES.flatMap((size) => {
      const ms = median(timings.get(size)!);
      const fedifyMs = median(fedifyTimings.get(size)!);
      return [
        {
          name: `send to ${size.toLocaleString("en")} followers (outbox), ${kind}`,
          ratio: ms / base,
          value: ms,
          unit: "ms",
          baseline: `10 followers ${base.toFixed(1)} ms`,
          target: `< ${TARGET_MS} ms`,
          pass: ms < TARGET_MS,
        },
        {
          name: `  Fedify sendActivity "followers", ${kind}`,
          ratio: fedifyMs / fedifyBase,
          value: fedifyMs,
          unit: "ms",
          baseline: `10 followers ${fedifyBase.toFixed(1)} ms`,
          target: "(before; information)",
          pass: true,
        },
      ];
    });
  } finally {
    await instance.stop();
    await database.drop();
  }
}

export async function benchSend(): Promise<Figure[]> {
  const url = benchDatabaseUrl();
  const figures = await benchOne("pglite", undefined);
  if (url) figures.push(...(await benchOne("postgres", url)));
  return figures;
}
