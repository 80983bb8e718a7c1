// The mutual aid listing over HTTP (bench/run.ts section `aid-offers`): 10,000 open offers and requests
// (a fixed seed: five networks, every resource, both purposes, twelve regions, fifty authors) held by
// one instance on PostgreSQL (PGlite when BENCH_DATABASE_URL=skip). GET /api/v1/aid/proposals is sent
// with the bearer token, one request at a time, unfiltered and filtered by network, purpose, resource
// and region; the baseline of the same run is a bare Hono GET timed the same way, in interleaved halves
// (bench/library.ts); also the 26th page (by `before`) and a filter matching nothing (the route's cost
// without rows). Figures: p50 and p95 of each as ratios to the baseline's; target p95 ≤ 20 ms.
import { randomUUID } from "node:crypto";
import { aidProposals } from "../src/db/schema/index.ts";
import { PURPOSES, RESOURCES } from "../src/domain/aid/proposals.ts";
import { createToken } from "../src/domain/tokens/tokens.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";
import { benchDatabase } from "./lib/databases.ts";
import { benchDatabaseUrl, quick } from "./lib/env.ts";
import { startServer } from "./lib/processes.ts";
import { serveArgs } from "./lib/serve-command.ts";
import { type Figure, latencyFigures } from "./lib/stats.ts";

const PROPOSALS = 10_000;
const REQUESTS = quick ? 100 : 300;
const P95_MS = 20;
const NETWORKS = Array.from({ length: 5 }, (_, i) => `https://n${i}.example/networks/n${i}`);
const REGIONS =
  "eu-west eu-central eu-north eu-south us-east us-west ca-east br-south af-west in-south jp-east au-east".split(" ");

const QUERIES: Record<string, string> = {
  none: "",
  network: `network=${encodeURIComponent(NETWORKS[2]!)}`,
  purpose: "purpose=request",
  resource: "resource=backup-space",
  region: "region=eu-central",
  // The same route and token check with a filter that matches nothing: what is left when no row is read.
  "matching nothing": "region=nowhere",
};

async function seed(url: string | undefined) {
  const database = await benchDatabase(url ? "postgres" : "pglite", url, "bench");
  const db = await database.open();
  try {
    const rand = seededRandom(20261128);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let from = 0; from < PROPOSALS; from += 500) {
      const rows: (typeof aidProposals.$inferInsert)[] = [];
      for (let i = from; i < Math.min(PROPOSALS, from + 500); i++) {
        const author = `https://p${i % 50}.example/actors/provider`;
        const id = `https://p${i % 50}.example/aid/proposals/${i}`;
        const published = new Date(start + i * 60_000).toISOString();
        // A third without an end; the others end in the next years: all are open.
        const until =
          i % 3 === 0 ? undefined : new Date(Date.parse("2030-01-01T00:00:00Z") + i * 3_600_000).toISOString();
        const region = i % 7 === 0 ? undefined : pick(REGIONS);
        const proposal = {
          id,
          author,
          published,
          purpose: pick(PURPOSES),
          resource: pick(RESOURCES),
          quantity: { value: 1 + Math.floor(rand() * 500), unit: "GB" },
          from: published,
          ...(until ? { until } : {}),
          ...(region ? { region } : {}),
          conditions: "Best effort, with a week's notice before the end.",
          audience: rand() < 0.2 ? ("public" as const) : ("network" as const),
        };
        rows.push({
          key: randomUUID(),
          id,
          network: pick(NETWORKS),
          author,
          local: false,
          purpose: proposal.purpose,
          resource: proposal.resource,
          region: region ?? null,
          proposal,
          publishedAt: new Date(published),
          untilAt: until ? new Date(until) : null,
        });
      }
      await db.db.insert(aidProposals).values(rows);
    }
    const created = await createToken(db.db, "bench");
    if (!created.ok) throw new Error("token creation failed");
    return { database, token: created.value.token };
  } finally {
    await db.close();
  }
}

/** Times requests sent one at a time (milliseconds each); returns the times and the last body's item count. */
async function timed(
  urls: readonly string[],
  headers: Record<string, string>,
): Promise<{ times: number[]; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (const url of urls) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
    times.push(performance.now() - started);
    if (headers.authorization) items = (JSON.parse(text) as { items: unknown[] }).items.length;
  }
  return { times, items };
}

export async function benchAidOffers(): Promise<Figure[]> {
  const url = benchDatabaseUrl();
  const { database, token } = await seed(url);
  const bare = await startServer({ args: ["bench/fixtures/bare-hono.ts", "{port}"] });
  const instance = await startServer({ args: serveArgs(), env: database.env, timeoutMs: 120_000 });
  try {
    const headers = { authorization: `Bearer ${token}` };
    const list = (q: string) => `${instance.origin}/api/v1/aid/proposals${q ? `?${q}` : ""}`;
    const on = `${PROPOSALS.toLocaleString("en")} open, ${url ? "PostgreSQL" : "PGlite"}`;
    // Warm-up of both sides, not counted.
    for (const q of Object.values(QUERIES)) await timed(Array(10).fill(list(q)), headers);
    await timed(Array(50).fill(`${bare.origin}/`), {});
    // A page deep in the listing: the 26th, by following `next` from the first.
    let before = "";
    for (let p = 0; p < 25; p++) {
      const res = await fetch(list(before ? `before=${before}` : ""), { headers });
      before = ((await res.json()) as { next: string }).next;
    }
    const queries = { ...QUERIES, "none, 26th page": `before=${before}` };
    const figures: Figure[] = [];
    for (const [filter, q] of Object.entries(queries)) {
      const base: number[] = [];
      const own: number[] = [];
      let items = 0;
      for (let half = 0; half < 2; half++) {
        base.push(...(await timed(Array(REQUESTS / 2).fill(`${bare.origin}/`), {})).times);
        const got = await timed(Array(REQUESTS / 2).fill(list(q)), headers);
        own.push(...got.times);
        items = got.items;
      }
      const shown = filter === "none, 26th page" ? "" : decodeURIComponent(q);
      const what = `filter ${filter}${shown ? ` (${shown})` : ""}, ${items} items`;
      figures.push(...latencyFigures("aid listing", `${what} (${on})`, { bare: base, measured: own }, { p95: P95_MS }));
    }
    return figures;
  } finally {
    await instance.stop();
    await bare.stop();
    await database.drop();
  }
}
