// Cold start to first response and idle memory, against a bare Hono script spawned the same way.
// Each round spawns a fresh process, polls /healthz until it answers, waits for it to go idle and
// reads its resident set size from /proc. The first round only warms the disk cache and is not counted.
import { benchDatabaseUrl, quick } from "./lib/env.ts";
import { benchDatabase, type BenchDatabase } from "./lib/databases.ts";
import { sleep, startServer } from "./lib/processes.ts";
import { serveArgs } from "./lib/serve-command.ts";
import { median, type Figure } from "./lib/stats.ts";

const ROUNDS = quick ? 2 : 3;
const IDLE_MS = quick ? 2000 : 3000;
const MB = 1024 * 1024;

type Sample = { readyMs: number; rssBytes: number };

async function sample(args: string[], env: Record<string, string> = {}): Promise<Sample> {
  const server = await startServer({ args, env });
  try {
    await sleep(IDLE_MS);
    return { readyMs: server.readyMs, rssBytes: server.rss() };
  } finally {
    await server.stop();
  }
}

export async function benchStartup(): Promise<Figure[]> {
  const url = benchDatabaseUrl();
  const databases: BenchDatabase[] = [await benchDatabase("pglite", undefined)];
  if (url) databases.push(await benchDatabase("postgres", url));
  const bare: Sample[] = [];
  const instances = new Map<BenchDatabase, Sample[]>(databases.map((d) => [d, []]));
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const b = await sample(["bench/fixtures/bare-hono.ts", "{port}"]);
      if (round > 0) bare.push(b);
      for (const database of databases) {
        const s = await sample(serveArgs(), database.env);
        if (round > 0) instances.get(database)!.push(s);
      }
    }
  } finally {
    for (const database of databases) await database.drop();
  }
  const bareReady = median(bare.map((s) => s.readyMs));
  const bareRss = median(bare.map((s) => s.rssBytes));
  const figures: Figure[] = [];
  for (const [database, samples] of instances) {
    const ratios = samples.map((s, i) => s.readyMs / bare[i]!.readyMs);
    figures.push({
      name: `cold start to first response, ${database.kind}`,
      ratio: median(ratios),
      value: median(samples.map((s) => s.readyMs)),
      unit: "ms",
      baseline: `bare Hono ${Math.round(bareReady)} ms`,
      target: "≤ 3× bare Hono",
      pass: median(ratios) <= 3,
    });
  }
  for (const [database, samples] of instances) {
    const rss = median(samples.map((s) => s.rssBytes));
    const limit = database.kind === "pglite" ? 300 : 150;
    figures.push({
      name: `idle RSS, ${database.kind}`,
      ratio: rss / bareRss,
      value: rss / MB,
      unit: "MB",
      baseline: `bare Hono ${Math.round(bareRss / MB)} MB`,
      target: `≤ ${limit} MB`,
      pass: rss / MB <= limit,
    });
  }
  return figures;
}
