// Complete instances for tests: each on its own database and its own port on 127.0.0.1, talking
// real HTTP with real signatures to the others.
import { loadConfig, type Config } from "../../src/config.ts";
import type { NetworkSyncPort } from "../../src/domain/networks/sync.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { createInstance, type Instance } from "../../src/instance.ts";
import { createLogger } from "../../src/logging.ts";
import { freshDatabase, type TestDatabase } from "./database.ts";
import { freePort } from "./free-port.ts";
import { testLogLevel } from "./test-environment.ts";

export type TestInstance = Instance & {
  readonly config: Config;
  readonly origin: string;
  readonly testDatabase: TestDatabase;
  /**
   * Stops this instance and starts it again on the same database and port; whileDown runs in
   * between, while nothing answers on the port.
   */
  restart(whileDown?: () => Promise<void>): Promise<TestInstance>;
};

export type StartOptions = {
  handle?: string | null;
  name?: string;
  profile?: unknown;
  env?: Record<string, string>;
  queue?: boolean;
  testDatabase?: TestDatabase;
  port?: number;
  /** What the network sync routes serve, instead of the instance's own networks. */
  networkSync?: NetworkSyncPort;
};

/** Boots a complete instance; with a handle (default "provider") the provider is set up first. */
export async function startInstance(options: StartOptions = {}): Promise<TestInstance> {
  const testDatabase = options.testDatabase ?? (await freshDatabase());
  const port = options.port ?? (await freePort());
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    ORIGIN: `http://127.0.0.1:${port}`,
    DATA_DIR: testDatabase.target.dataDir || "/nonexistent",
    ...(testDatabase.target.databaseUrl ? { DATABASE_URL: testDatabase.target.databaseUrl } : {}),
    LOG_LEVEL: testLogLevel,
    ALLOW_PRIVATE_ADDRESS: "true",
    QUEUE_POLL_MS: "50",
    ...options.env,
  });
  const instance = await createInstance(
    config,
    createLogger(config.logLevel),
    options.networkSync ? { networkSync: options.networkSync } : {},
  );
  const handle = options.handle === undefined ? "provider" : options.handle;
  if (handle) {
    const existing = await import("../../src/domain/provider/provider.repository.ts").then((m) =>
      m.findProvider(instance.services.database.db),
    );
    if (!existing) {
      const result = await setupProvider(instance.services.database.db, {
        handle,
        name: options.name ?? `Provider ${handle}`,
        profile: options.profile,
      });
      if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result.error)}`);
    }
  }
  await instance.listen({ queue: options.queue ?? true });
  const test: TestInstance = Object.assign(instance, {
    config,
    origin: config.origin,
    testDatabase,
    async restart(whileDown?: () => Promise<void>) {
      await instance.stop();
      await whileDown?.();
      return startInstance({ ...options, testDatabase, port, handle: null });
    },
  });
  return test;
}

/** Stops instances and drops their databases. */
export async function stopAll(...instances: (TestInstance | undefined)[]): Promise<void> {
  for (const i of instances) {
    if (!i) continue;
    await i.stop().catch(() => {});
    await i.testDatabase.drop().catch(() => {});
  }
}

/** Polls until check() returns a truthy value, or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { freePort };
