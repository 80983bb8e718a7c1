// The health watch's clock: each round (WATCH_INTERVAL), this instance probes every other current member
// of each network it is a current member of — the member's health endpoint and each service its profile
// declares a `check` URL for — at the offsets of the spread schedule, then stores its one batch for the
// round and sends it to the network's members through the queue. Batches older than the kept period go.
import { findReplica } from "../../domain/directory/replica.repository.ts";
import { listNetworks } from "../../domain/networks/networks.repository.ts";
import { durationMs } from "../../domain/networks/duration.ts";
import { probeSchedule } from "../../domain/aid/watch/schedule.ts";
import { HEALTH, type Check, type ReportBatch } from "../../domain/aid/watch/verdict.ts";
import { type HeldNetwork, pruneReports, recordRound } from "../../domain/aid/watch/watch.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { aidNetwork } from "./membership.ts";
import { probe } from "./probe.ts";

type Target = Check & { readonly url: string };

/** What a member is checked on: its instance's health endpoint, and each declared service with a check URL. */
async function targetsOf(rt: NetworksRuntime, member: string): Promise<Target[]> {
  const targets: Target[] = [{ subject: member, service: HEALTH, url: new URL("/healthz", member).href }];
  const replica = await findReplica(rt.services.database.db, member);
  (replica?.profile.services ?? []).forEach((s, i) => {
    if (s.check) targets.push({ subject: member, service: `${s.kind}#${i}`, url: s.check });
  });
  return targets;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/** One round starting at `round` (ms): every network's probes on schedule, then each network's batch. */
async function runRound(rt: NetworksRuntime, round: number, intervalMs: number, signal: AbortSignal): Promise<void> {
  const self = await rt.self();
  if (!self) return sleep(round + intervalMs - Date.now(), signal);
  const held: { network: HeldNetwork; targets: Target[] }[] = [];
  for (const row of await listNetworks(rt.services.database.db)) {
    const network = await aidNetwork(rt, row.id);
    if (!network) continue;
    const targets: Target[] = [];
    for (const member of new Set(network.members))
      if (member !== self.actor) targets.push(...(await targetsOf(rt, member)));
    held.push({ network, targets });
  }
  // One probe per URL and round, whichever networks ask for it, at the subject's offset.
  const timeoutMs = Math.max(500, Math.min(10_000, intervalMs / 2));
  const results = new Map<string, Promise<boolean>>();
  const started: Promise<unknown>[] = [];
  const members = new Set(held.flatMap((h) => h.targets.map((t) => t.subject)));
  for (const { subject, offsetMs } of probeSchedule(self.actor, members, intervalMs)) {
    const urls = new Set(held.flatMap((h) => h.targets.filter((t) => t.subject === subject).map((t) => t.url)));
    started.push(
      sleep(round + offsetMs - Date.now(), signal).then(() => {
        for (const url of urls)
          if (!results.has(url))
            results.set(url, signal.aborted ? Promise.resolve(false) : probe(rt.services.config, url, timeoutMs));
      }),
    );
  }
  await Promise.all(started);
  await sleep(round + intervalMs - Date.now(), signal);
  if (signal.aborted) return;
  const db = rt.services.database.db;
  for (const { network, targets } of held) {
    if (targets.length === 0) continue;
    const oks = await Promise.all(targets.map((t) => results.get(t.url) ?? Promise.resolve(false)));
    const batch: ReportBatch = {
      reporter: self.actor,
      round,
      at: Math.max(Date.now(), round + intervalMs - 1),
      checks: targets.map(({ subject, service }) => ({ subject, service })),
      status: oks.map((ok) => (ok ? "1" : "0")).join(""),
    };
    await recordRound(db, network, batch, new Date());
  }
  if (held.length > 0) rt.services.queue.wake();
  await pruneReports(db, new Date());
}

/** Starts the rounds; the returned function stops them and waits for the round in progress to end. */
export function startWatchRounds(rt: NetworksRuntime): () => Promise<void> {
  const log = rt.services.logger.child({ module: "watch" });
  const intervalMs = durationMs(rt.services.config.watchInterval) ?? 300_000;
  const stop = new AbortController();
  const running = (async () => {
    while (!stop.signal.aborted) {
      const now = Date.now();
      try {
        await runRound(rt, now - (now % intervalMs), intervalMs, stop.signal);
      } catch (err) {
        log.warn({ err }, "health watch round failed");
        await sleep(intervalMs - (Date.now() % intervalMs), stop.signal);
      }
    }
  })();
  return async () => {
    stop.abort();
    await running;
  };
}
