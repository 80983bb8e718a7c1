// Fedify and the vocabulary use Temporal, which Node 24 does not have built in.
import "temporal-polyfill/global";
// The composition root: one running instance = database + queue + federation + web app.
// Tests boot several of these in one process, each on its own database and port.
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { DatabaseKvStore } from "./db/kv-store.ts";
import { searchIndexFor } from "./domain/directory/search/index.ts";
import { indexLibrary } from "./domain/docs/library.ts";
import { DatabaseMessageQueue } from "./db/message-queue.ts";
import { migrate } from "./db/migrate.ts";
import { buildFederation, type AppFederation } from "./federation/federation.ts";
import { peersOf } from "./federation/directory/peers.ts";
import { startDirectoryRefresh } from "./federation/directory/replication.ts";
import { registerFederation } from "./federation/index.ts";
import { LocalActors } from "./federation/local-actors.ts";
import { networkOperations } from "./federation/networks/operations.ts";
import { networksRuntime } from "./federation/networks/runtime.ts";
import { networkSyncPort } from "./federation/networks/sync-port.ts";
import { startNetworkTick } from "./federation/networks/tick.ts";
import { startWatchRounds } from "./federation/aid/watch-rounds.ts";
import { startShutdownClock } from "./federation/shutdown.ts";
import type { NetworkSyncPort } from "./domain/networks/sync.ts";
import { registerOutbox } from "./federation/outbox/index.ts";
import { addressPolicyOf } from "./federation/trust/addresses.ts";
import { installOutboundCheck, setProcessAddressPolicy, withAddressPolicy } from "./federation/trust/outbound.ts";
import { bridgeFedifyLogs, type Logger } from "./logging.ts";
import type { Runtime } from "./runtime.ts";
import { createApp, type App } from "./web/app.ts";
import { announceSetupLink } from "./web/panel/setup-link.ts";

export type Instance = {
  readonly services: Runtime;
  readonly federation: AppFederation;
  readonly localActors: LocalActors;
  readonly app: App;
  /** Starts the HTTP server (and the queue workers unless told not to); resolves once listening. */
  listen(options?: { queue?: boolean }): Promise<{ port: number }>;
  /** Processes the queue only, without serving HTTP. */
  startWorkers(): void;
  stop(): Promise<void>;
};

/**
 * options.database: an open database to use; stop() closes it only if closeDatabase is set.
 * options.networkSync: what the network sync routes serve (tests serve replicas held in memory).
 */
export async function createInstance(
  config: Config,
  logger: Logger,
  options: { database?: Database; closeDatabase?: boolean; processWide?: boolean; networkSync?: NetworkSyncPort } = {},
): Promise<Instance> {
  await bridgeFedifyLogs(logger, config.logLevel);
  // Every connection the instance opens is checked against its address policy when it is opened.
  await installOutboundCheck();
  const addressPolicy = addressPolicyOf(config);
  // The only instance of its process (a server, a command): its policy holds for all the process does.
  if (options.processWide) setProcessAddressPolicy(addressPolicy);
  const database = options.database ?? (await openDatabase(config));
  await migrate(database);
  const queue = new DatabaseMessageQueue(database, {
    pollMs: config.queuePollMs,
    concurrency: config.queueWorkers,
    maxAttempts: config.queueMaxAttempts,
    leaseMs: config.queueLeaseMs,
    logger: logger.child({ module: "queue" }),
  });
  const services: Runtime = { config, database, queue, logger };
  const federation = buildFederation(services);
  const localActors = new LocalActors(services);
  registerFederation(federation, localActors);
  registerOutbox(federation, services, localActors);
  const networks = networksRuntime(services, federation, localActors);
  const app = createApp({
    services,
    federation,
    localActors,
    peers: peersOf(federation, services),
    networks: networkOperations(services, federation, localActors),
    networkSync: options.networkSync ?? networkSyncPort(networks),
  });

  const workers = new AbortController();
  let server: ServerType | undefined;
  let queueRun: Promise<void> | undefined;
  let refreshIdle: (() => Promise<void>) | undefined;
  let stopNetworkTick: (() => Promise<void>) | undefined;
  let stopWatchRounds: (() => Promise<void>) | undefined;
  let stopShutdownClock: (() => Promise<void>) | undefined;
  const kvPurge = setInterval(() => {
    new DatabaseKvStore(database).purgeExpired().catch((err: unknown) => logger.warn({ err }, "kv purge failed"));
  }, 10 * 60_000);
  kvPurge.unref();

  const startWorkers = () =>
    withAddressPolicy(addressPolicy, () => {
      if (!queueRun) {
        refreshIdle = startDirectoryRefresh(services, workers.signal);
        stopNetworkTick = startNetworkTick(networks);
        stopWatchRounds = startWatchRounds(networks);
        stopShutdownClock = startShutdownClock(services);
      }
      queueRun ??= federation.startQueue(services, { signal: workers.signal });
    });

  return {
    services,
    federation,
    localActors,
    app,
    startWorkers,
    listen(listenOptions = {}) {
      if (listenOptions.queue !== false) startWorkers();
      return new Promise((resolve, reject) => {
        const fetch: typeof app.fetch = (request, env, context) =>
          withAddressPolicy(addressPolicy, () => app.fetch(request, env, context));
        const s = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
          // A fresh instance prints its one-time setup link once it can be opened.
          announceSetupLink(services).then(
            () => {
              resolve({ port: info.port });
              // The directory's search index is loaded now rather than by the first search.
              searchIndexFor(database)
                .sync()
                .catch((err: unknown) => logger.warn({ err }, "directory search index not loaded"));
              // And the library's documents held from before its vectors are indexed now.
              indexLibrary(database.db).catch((err: unknown) => logger.warn({ err }, "library not indexed"));
            },
            (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
          );
        });
        s.once("error", reject);
        server = s;
      });
    },
    async stop() {
      clearInterval(kvPurge);
      workers.abort();
      await stopNetworkTick?.();
      await stopWatchRounds?.();
      await stopShutdownClock?.();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          (s as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
      await queueRun?.catch(() => {});
      await refreshIdle?.();
      if (!options.database || options.closeDatabase) await database.close();
    },
  };
}
