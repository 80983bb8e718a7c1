// Directory benchmark: seeds a network of providers (5,000 x 10 services by default), then measures
// over HTTP on this machine, in the same run: bare Hono, the directory search (as served, and
// computed after a peer's Update), its statements through drizzle and sent raw, loading the search
// index, applying a peer's profile Update, and a refresh cycle's requests.
// Run alone: `npx node bench/directory.ts [--providers 5000] [--iterations 400] [--only pglite|postgres]`.
import "temporal-polyfill/global";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { serve } from "@hono/node-server";
import { PgDialect } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { loadConfig, type Config } from "../src/config.ts";
import { applyReplica } from "../src/domain/directory/replica.repository.ts";
import {
  pageSql,
  parseDirectoryQuery,
  SearchIndexStore,
  searchDirectory,
  searchIndexFor,
  syncSql,
} from "../src/domain/directory/search/index.ts";
import { rowsOf } from "../src/db/client.ts";
import { setupProvider } from "../src/domain/provider/provider.ts";
import { runRefreshCycle } from "../src/federation/directory/replication.ts";
import { createInstance } from "../src/instance.ts";
import { createLogger } from "../src/logging.ts";
import { generateProviders, type GeneratedProvider } from "./directory-generator.ts";

const { values: args } = parseArgs({
  options: {
    providers: { type: "string", default: "5000" },
    services: { type: "string", default: "10" },
    iterations: { type: "string", default: "400" },
    only: { type: "string" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const PROVIDERS = Number(args.providers);
const ITERATIONS = Number(args.iterations);
const print = (line = "") => process.stdout.write(`${line}\n`);
v8.setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const QUERIES = [
  "q=courriel",
  "q=email&kind=email",
  "kind=nextcloud&language=fr",
  "value=feminist&country=FR",
  "q=cooperativa&price=sliding-scale",
  "open=true&minStorageGb=1000",
  "q=hostng",
  "jurisdiction=EU&kind=matrix&page=3",
];

type Stats = { p50: number; p95: number; mean: number };
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
/** Times fn; `before` runs untimed ahead of each call. */
async function measure(
  fn: (i: number) => Promise<unknown>,
  iterations = ITERATIONS,
  before?: () => Promise<unknown>,
): Promise<Stats> {
  for (let i = 0; i < 50; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    await before?.();
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}
/** GET and read the body; a keep-alive socket the server closed meanwhile is retried once. */
const get = (url: string) =>
  fetch(url)
    .then((r) => r.text())
    .catch(() => fetch(url).then((r) => r.text()));
const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );

/** Stand-in peer instances: serve every provider's actor document with an ETag, and count requests. */
function peerServer(providers: GeneratedProvider[], origin: () => string) {
  const bySlug = new Map(providers.map((p) => [p.slug, p]));
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const slug = req.url?.split("/").pop() ?? "";
    counts.set(slug, (counts.get(slug) ?? 0) + 1);
    const p = bySlug.get(slug);
    if (!p) return res.writeHead(404).end();
    const etag = `"v1-${slug}"`;
    if (req.headers["if-none-match"] === etag) return res.writeHead(304, { ETag: etag }).end();
    const id = `${origin()}/actors/${slug}`;
    res.writeHead(200, { "Content-Type": "application/activity+json", ETag: etag });
    res.end(
      JSON.stringify({
        "@context": ["https://www.w3.org/ns/activitystreams", { ch: "https://w3id.org/commonhost/ns#" }],
        id,
        type: "Organization",
        name: p.name,
        preferredUsername: slug,
        commonhost: p.profile,
      }),
    );
  });
  return { server, counts };
}

async function run(kind: "pglite" | "postgres", providers: GeneratedProvider[]) {
  print(`\n## ${kind === "pglite" ? "PGlite" : "PostgreSQL"}`);
  let dataDir = "";
  let dbName = "";
  let databaseUrl: string | undefined;
  let admin: import("postgres").Sql | undefined;
  if (kind === "postgres") {
    const { default: postgres } = await import("postgres");
    admin = postgres(args.postgres!, { max: 1, onnotice: () => {} });
    dbName = `ch_bench_directory_${process.pid}`;
    await admin.unsafe(`create database "${dbName}"`);
    const u = new URL(args.postgres!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.href;
  } else dataDir = mkdtempSync(join(tmpdir(), "ch-bench-dir-"));

  const peers = peerServer(providers, () => peerOrigin);
  const peerPort = await listen(peers.server);
  const peerOrigin = `http://127.0.0.1:${peerPort}`;
  const config: Config = loadConfig({
    PORT: "0",
    ORIGIN: "http://127.0.0.1:1",
    DATA_DIR: dataDir || "/nonexistent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    LOG_LEVEL: "silent",
    ALLOW_PRIVATE_ADDRESS: "true",
    DIRECTORY_DISCOVERY_DEPTH: "1",
  });
  const instance = await createInstance(config, createLogger("silent"));
  await setupProvider(instance.services.database.db, { handle: "bench", name: "Bench Instance" });
  const { port } = await instance.listen({ queue: false });
  const origin = `http://127.0.0.1:${port}`;
  const { db } = instance.services.database;
  /** Stores a provider's profile as a replica, as a fetch of its actor document does. */
  const replicate = (p: GeneratedProvider, profile = p.profile) =>
    applyReplica(db, {
      actorUri: `${peerOrigin}/actors/${p.slug}`,
      handle: `@${p.slug}@127.0.0.1`,
      name: p.name,
      url: null,
      profile,
      etag: `"v1-${p.slug}"`,
      depth: 1,
    });

  const seedStart = performance.now();
  let next = 0;
  const seedOne = async () => {
    while (next < providers.length) {
      await replicate(providers[next++]!);
    }
  };
  await Promise.all(Array.from({ length: kind === "postgres" ? 8 : 1 }, seedOne));
  await instance.services.database.rows(sql`analyze`);
  print(
    `Seeded ${providers.length} providers x ${args.services} services in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`,
  );

  const bare = new Hono();
  bare.get("/", (c) => c.json({ ok: true }));
  const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => bareServer.once("listening", r));
  const barePort = (bareServer.address() as { port: number }).port;

  const parsed = QUERIES.map((q) => {
    const r = parseDirectoryQuery(q);
    if (!r.ok) throw new Error(q);
    return r.value;
  });
  const options = { staleAfterMs: config.directoryStaleAfterMs, cache: false };
  // A peer's Update before each request (untimed): the kept answers no longer hold, and the search
  // index reloads that provider (timed, as part of the search).
  let updates = 0;
  const peerUpdate = async () => {
    const p = providers[updates++ % providers.length]!;
    await replicate(p, { ...p.profile, summary: `${p.profile.summary} (${updates})` });
  };
  const dialect = new PgDialect();
  const client = (db as unknown as { $client: unknown }).$client;
  // The statements a search sends after a peer's Update, through drizzle and raw to the driver:
  // the version with the changed provider, and a page of 20 providers not shown before.
  const rawRows = async (query: ReturnType<typeof dialect.sqlToQuery>): Promise<unknown[]> =>
    kind === "postgres"
      ? ((await (client as import("postgres").Sql).unsafe(query.sql, query.params as never[])) as unknown[])
      : (await (client as import("@electric-sql/pglite").PGlite).query(query.sql, query.params)).rows;
  let held = 0;
  const statements = (i: number) => {
    const from = (i * 20) % (providers.length - 20);
    return [syncSql(held), pageSql(providers.slice(from, from + 20).map((p) => `${peerOrigin}/actors/${p.slug}`))];
  };
  const throughDrizzle = async (i: number) => {
    for (const statement of statements(i)) await rowsOf(db, statement);
  };
  const raw = async (i: number) => {
    for (const statement of statements(i)) await rawRows(dialect.sqlToQuery(statement));
  };
  const results = QUERIES.map(() => 0);
  for (let i = 0; i < QUERIES.length; i++)
    results[i] = (await searchDirectory(instance.services.database, parsed[i]!, options)).total;
  print(`Queries (matching providers): ${QUERIES.map((q, i) => `\`${q}\` (${results[i]})`).join(", ")}.`);

  const bareHttp = await measure(() => get(`http://127.0.0.1:${barePort}/`));
  const searchHttp = await measure((i) => get(`${origin}/api/v1/directory?${QUERIES[i % QUERIES.length]}`));
  const computedHttp = await measure(
    (i) => get(`${origin}/api/v1/directory?${QUERIES[i % QUERIES.length]}`),
    ITERATIONS,
    peerUpdate,
  );
  await peerUpdate();
  held = (await searchIndexFor(instance.services.database).sync()) - 1;
  const drizzle = await measure(throughDrizzle);
  const rawSql = await measure(raw);

  // Loading the whole index, as a process does when it starts; memory in use after a full
  // collection, before and after (heap and typed arrays).
  const heapUsed = () => {
    collectGarbage();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const heapBefore = heapUsed();
  const loadStart = performance.now();
  const fresh = new SearchIndexStore(instance.services.database);
  await fresh.sync();
  const loadMs = performance.now() - loadStart;
  const heapMb = (heapUsed() - heapBefore) / 1e6;

  // A peer's Update: its changed profile replaces the replica (one transaction).
  const applied = await measure(async (i) => {
    const p = providers[i % providers.length]!;
    await replicate(p, {
      ...p.profile,
      summary: `${p.profile.summary} (${i})`,
      services: [...p.profile.services].reverse(),
    });
  }, 200);

  // Per query: broad queries (thousands of matches, all facets) cost far more than narrow ones.
  const perQuery: Stats[] = [];
  for (let q = 0; q < QUERIES.length; q++)
    perQuery.push(
      await measure(
        () => get(`${origin}/api/v1/directory?${QUERIES[q]}`),
        Math.max(20, Math.floor(ITERATIONS / 4)),
        peerUpdate,
      ),
    );

  peers.counts.clear();
  const cycleStart = performance.now();
  const report = await runRefreshCycle(instance.services);
  const cycleMs = performance.now() - cycleStart;
  const perReplica = [...peers.counts.values()];

  const row = (name: string, s: Stats, ratio?: string) =>
    print(`| ${name} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.mean.toFixed(2)} | ${ratio ?? ""} |`);
  print("");
  print("| measurement | p50 ms | p95 ms | mean ms | ratio |");
  print("|---|---|---|---|---|");
  row("bare Hono, HTTP", bareHttp);
  row(
    "directory search, HTTP (`GET /api/v1/directory`), as served: unchanged directory, answers cached",
    searchHttp,
    `${(searchHttp.p50 / bareHttp.p50).toFixed(1)}x bare Hono (p50)`,
  );
  row(
    "directory search, HTTP, answer computed after a peer's Update (applied untimed before each request)",
    computedHttp,
    `${(computedHttp.p50 / bareHttp.p50).toFixed(1)}x bare Hono (p50)`,
  );
  row(
    "a search's statements after a peer's Update, through drizzle (version and changed provider, page of 20)",
    drizzle,
    `${(drizzle.p50 / rawSql.p50).toFixed(2)}x raw (p50)`,
  );
  row("the same statements sent raw to the driver", rawSql);
  row("apply a peer's profile Update (database work)", applied);
  print("");
  // PGlite's WebAssembly memory counts among typed arrays and moves on its own: no figure there.
  const memory =
    kind === "postgres"
      ? `${heapMb.toFixed(1)} MB of memory (heap and typed arrays)`
      : "memory not measured (PGlite's own memory moves with it)";
  print(
    `Search index loaded whole (as when a server starts): ${loadMs.toFixed(0)} ms, ${memory}, ${fresh.index.size} providers.`,
  );
  print("");
  print("| query over HTTP, answer computed after an Update | matches | p50 ms | p95 ms |");
  print("|---|---|---|---|");
  for (const [i, q] of QUERIES.entries())
    print(`| \`${q}\` | ${results[i]} | ${perQuery[i]!.p50.toFixed(2)} | ${perQuery[i]!.p95.toFixed(2)} |`);
  print("");
  print(
    `Refresh cycle over ${report.checked} replicas: ${peers.counts.size} actor documents requested, at most ${Math.max(0, ...perReplica)} request each, ` +
      `${report.notModified} answered 304 Not Modified, ${report.changed} changed, ${report.failed} failed, in ${(cycleMs / 1000).toFixed(1)} s.`,
  );

  bareServer.close();
  peers.server.close();
  await instance.stop();
  if (admin) {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

const providers = generateProviders(PROVIDERS, Number(args.services));
print(
  `# Directory benchmark: ${PROVIDERS} providers x ${args.services} services, ${ITERATIONS} sequential requests per measurement`,
);
for (const kind of ["postgres", "pglite"] as const) if (!args.only || args.only === kind) await run(kind, providers);
