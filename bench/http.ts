// Requests per second of the documents every remote server asks for (the actor, its WebFinger answer),
// as a ratio of a bare Hono "hello" server's: same load generator, same concurrency, rounds interleaved.
// Two ratios: wall-clock throughput, and requests per CPU-second of the server process (what one core
// of it serves), which stays meaningful when the shared machine is busy or the load generator saturates.
import { benchDatabase } from "./lib/databases.ts";
import { quick } from "./lib/env.ts";
import { load, type LoadResult } from "./lib/load.ts";
import { startServer, type Server } from "./lib/processes.ts";
import { serveArgs } from "./lib/serve-command.ts";
import { median, round, type Figure } from "./lib/stats.ts";

const ROUNDS = quick ? 2 : 3;
const REQUESTS = quick ? 4000 : 15_000;
const CONNECTIONS = 16;
const TARGET = 0.5;

type Case = { server: Server; url: string; headers: Record<string, string> };

export async function benchHttp(): Promise<Figure[]> {
  const database = await benchDatabase("pglite", undefined, "bench");
  const bare = await startServer({ args: ["bench/fixtures/bare-hono.ts", "{port}"] });
  const instance = await startServer({ args: serveArgs(), env: database.env });
  try {
    const host = new URL(instance.origin).host;
    const cases: Record<"bare" | "actor" | "webfinger", Case> = {
      bare: { server: bare, url: `${bare.origin}/`, headers: {} },
      actor: {
        server: instance,
        url: `${instance.origin}/actors/bench`,
        headers: { accept: "application/activity+json" },
      },
      webfinger: {
        server: instance,
        url: `${instance.origin}/.well-known/webfinger?resource=${encodeURIComponent(`acct:bench@${host}`)}`,
        headers: { accept: "application/jrd+json" },
      },
    };
    const run = (c: Case, requests: number) =>
      load(c.url, { requests, connections: CONNECTIONS, headers: c.headers, serverCpu: () => c.server.cpuSeconds() });
    // Warm up both processes (JIT, the actor cache) before anything counts.
    for (const c of Object.values(cases)) await run(c, 2000);
    const results: Record<keyof typeof cases, LoadResult[]> = { bare: [], actor: [], webfinger: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
        const result = await run(cases[name], REQUESTS);
        if (result.failed > 0) throw new Error(`${name}: ${result.failed} requests failed`);
        results[name].push(result);
      }
    }
    const ratio = (name: "actor" | "webfinger", key: "rps" | "perCpuSecond") =>
      median(results[name].map((r, i) => r[key] / results.bare[i]![key]));
    const value = (name: keyof typeof cases, key: "rps" | "perCpuSecond") => median(results[name].map((r) => r[key]));
    return (["actor", "webfinger"] as const).flatMap((name) => {
      const label = name === "actor" ? "actor GET (activity+json)" : "WebFinger GET";
      return [
        {
          name: `${label}, per server CPU-second`,
          ratio: ratio(name, "perCpuSecond"),
          value: value(name, "perCpuSecond"),
          unit: "req/CPU-s",
          baseline: `bare Hono ${Math.round(value("bare", "perCpuSecond"))} req/CPU-s`,
          target: `≥ ${TARGET}× bare Hono`,
          pass: ratio(name, "perCpuSecond") >= TARGET,
        },
        {
          name: `${label}, wall-clock`,
          ratio: ratio(name, "rps"),
          value: value(name, "rps"),
          unit: "req/s",
          baseline: `bare Hono ${Math.round(value("bare", "rps"))} req/s (p99 ${round(median(results.bare.map((r) => r.p99Ms)))} ms)`,
          target: `≥ ${TARGET}× bare Hono`,
          pass: ratio(name, "rps") >= TARGET,
        },
      ];
    });
  } finally {
    await instance.stop();
    await bare.stop();
    await database.drop();
  }
}
