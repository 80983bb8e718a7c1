// Signed deliveries processed per second per core: real Likes of an announcement, signed with a real
// RSA key (draft-cavage) by a sender federation of our own, posted to the shared and to the personal
// inbox of an instance running in its own process, counted as rows written. "Per core" is per
// CPU-second of the instance's process; the baseline is the same number of POSTs to a bare Hono.
import { benchDatabaseUrl, profileFlags, quick } from "./lib/env.ts";
import { benchDatabase } from "./lib/databases.ts";
import { load } from "./lib/load.ts";
import { sleep, startServer, type Server } from "./lib/processes.ts";
import { startSender, type Sender } from "./lib/sender.ts";
import { serveNodeFlags } from "./lib/serve-command.ts";
import { median, type Figure } from "./lib/stats.ts";

const DELIVERIES = quick ? 150 : 300;
const ROUNDS = quick ? 1 : 2;
const CONCURRENCY = 8;
const TARGET_PER_CORE = 200;

type Run = { perCpuSecond: number; perSecond: number };

let likes = 0;
const like = (sender: Sender, object: string) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id: `${sender.actorUri}/likes/${process.pid}-${likes++}`,
  type: "Like",
  actor: sender.actorUri,
  object,
});

async function deliver(target: Server, sender: Sender, inbox: string, object: string, n: number): Promise<Run> {
  const before = await target.ask<number>("count");
  const requests = await Promise.all(Array.from({ length: n }, () => sender.sign(inbox, like(sender, object))));
  const cpuBefore = target.cpuSeconds();
  const started = performance.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const res = await fetch(requests[next++]!);
        await res.arrayBuffer();
        if (res.status !== 202) refused++;
      }
    }),
  );
  if (refused) throw new Error(`${refused} deliveries refused by ${inbox}`);
  const deadline = started + 120_000;
  while ((await target.ask<number>("count")) < before + n) {
    if (performance.now() > deadline) throw new Error(`deliveries to ${inbox} not processed in time`);
    await sleep(25);
  }
  const seconds = (performance.now() - started) / 1000;
  return { perCpuSecond: n / (target.cpuSeconds() - cpuBefore), perSecond: n / seconds };
}

async function benchOne(kind: "pglite" | "postgres", url: string | undefined): Promise<Figure[]> {
  const database = await benchDatabase(kind, url);
  const bare = await startServer({ args: ["bench/fixtures/bare-hono.ts", "{port}"] });
  const target = await startServer({
    args: [
      ...profileFlags(),
      ...serveNodeFlags(),
      "--import",
      "./src/boot/start-fast.ts",
      "bench/fixtures/inbox-target.ts",
    ],
    env: { ...database.env, ALLOW_PRIVATE_ADDRESS: "true" },
    ipc: true,
  });
  const sender = await startSender();
  try {
    const id = await target.ask<string | null>("announce");
    if (!id) throw new Error("could not create the announcement");
    const object = `${target.origin}/announcements/${id}`;
    const inboxes = { shared: `${target.origin}/inbox`, personal: `${target.origin}/actors/bench/inbox` };
    // The first deliveries fetch the sender's key and actor; everything after runs on what was kept.
    await deliver(target, sender, inboxes.shared, object, 20);
    await deliver(target, sender, inboxes.personal, object, 20);
    const runs: Record<keyof typeof inboxes, Run[]> = { shared: [], personal: [] };
    const bareRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const body = JSON.stringify(like(sender, object));
      const b = await load(`${bare.origin}/inbox`, {
        requests: DELIVERIES,
        connections: CONCURRENCY,
        method: "POST",
        body,
        headers: { "content-type": "application/activity+json" },
        serverCpu: () => bare.cpuSeconds(),
      });
      bareRuns.push(b.perCpuSecond);
      runs.shared.push(await deliver(target, sender, inboxes.shared, object, DELIVERIES));
      runs.personal.push(await deliver(target, sender, inboxes.personal, object, DELIVERIES));
    }
    const shared = median(runs.shared.map((r) => r.perCpuSecond));
    const personal = median(runs.personal.map((r) => r.perCpuSecond));
    const bareRate = median(bareRuns);
    return [
      {
        name: `signed Likes via shared inbox, ${kind}, per CPU-second`,
        ratio: shared / bareRate,
        value: shared,
        unit: "act/CPU-s",
        baseline: `bare Hono POST ${Math.round(bareRate)}/CPU-s`,
        target: `≥ ${TARGET_PER_CORE}/s per core`,
        pass: shared >= TARGET_PER_CORE,
      },
      {
        name: `signed Likes via personal inbox, ${kind}`,
        ratio: personal / shared,
        value: personal,
        unit: "act/CPU-s",
        baseline: `shared inbox ${Math.round(shared)}/CPU-s`,
        target: "≥ 0.9× shared",
        pass: personal / shared >= 0.9,
      },
      {
        name: `signed Likes via shared inbox, ${kind}, wall-clock`,
        ratio: median(runs.shared.map((r) => r.perSecond)) / shared,
        value: median(runs.shared.map((r) => r.perSecond)),
        unit: "act/s",
        baseline: "per CPU-second above",
        target: "(information)",
        pass: true,
      },
    ];
  } finally {
    await sender.stop();
    await target.stop();
    await bare.stop();
    await database.drop();
  }
}

export async function benchInbox(): Promise<Figure[]> {
  const url = benchDatabaseUrl();
  const figures = await benchOne("pglite", undefined);
  if (url) figures.push(...(await benchOne("postgres", url)));
  return figures;
}
