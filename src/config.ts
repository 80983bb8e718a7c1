// The one parse of the environment. Everything else receives a frozen Config.
import { resolve } from "node:path";
import { z } from "zod";
import { durationMs } from "./domain/networks/duration.ts";
import { DEFAULT_DATA_DIR, readEnvironment } from "./environment.js";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const byteSize = z
  .string()
  .regex(/^\d+(\s*[kKmM]i?[bB]?)?$/, { message: "expected a size such as 1048576, 512KiB or 1MiB" })
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    if (/[mM]/.test(v)) return n * 1024 * 1024;
    if (/[kK]/.test(v)) return n * 1024;
    return n;
  });

const duration = z
  .string()
  .regex(/^\d+\s*(ms|s|m|h|d)?$/, {
    message: "expected a duration such as 90s, 30m, 6h or 7d (a bare number is seconds)",
  })
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.replace(/^\d+\s*/, "") || "s";
    return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as "ms" | "s" | "m" | "h" | "d"];
  });

const envSchema = z.object({
  PORT: z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1, { message: "expected a host name or address" }).default("127.0.0.1"),
  ORIGIN: z
    .url({ message: "expected an absolute http(s) URL such as https://hosting.example.org" })
    .refine((u) => /^https?:\/\//.test(u), { message: "expected an http or https URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  // Read by bin/commonhost.js (through src/environment.js) before the sources load; validated here.
  START_BUNDLE: z.enum(["on", "off"], { message: "expected on or off" }).default("on"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "expected a postgres:// or postgresql:// URL" })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ALLOW_PRIVATE_ADDRESS: bool.default(false),
  ALLOW_PRIVATE_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => URL.canParse(o) && new URL(o).origin === o), {
      message: "expected origins separated by commas, such as http://10.0.0.5:8080",
    }),
  INBOX_MAX_BYTES: byteSize.default(1024 * 1024),
  QUEUE_WORKERS: z.coerce.number({ message: "expected a whole number" }).int().min(1).max(64).default(4),
  QUEUE_POLL_MS: z.coerce.number({ message: "expected milliseconds" }).int().min(10).max(60_000).default(1000),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|1|0|yes|no|[1-9])$/, { message: "expected true, false or a number of proxies (1 to 9)" })
    .transform((v) => (v === "true" || v === "yes" ? 1 : v === "false" || v === "no" ? 0 : Number(v)))
    .default(0),
  DELIVERY_RETRY_INITIAL_MS: z.coerce
    .number({ message: "expected milliseconds" })
    .int()
    .min(10)
    .max(3_600_000)
    .default(30_000),
  QUEUE_LEASE_MS: z.coerce.number({ message: "expected milliseconds" }).int().min(300).max(3_600_000).default(60_000),
  QUEUE_MAX_ATTEMPTS: z.coerce.number({ message: "expected a whole number" }).int().min(1).max(1000).default(10),
  DIRECTORY_REFRESH_INTERVAL: duration.default(6 * 3_600_000),
  DIRECTORY_STALE_AFTER: duration.default(7 * 86_400_000),
  DIRECTORY_DISCOVERY_DEPTH: z.coerce.number({ message: "expected 1, 2 or 3" }).int().min(1).max(3).default(2),
  NETWORK_MIN_WINDOW: z
    .string()
    .refine((v) => (durationMs(v) ?? 0) >= 1000, {
      message: "expected an ISO 8601 duration of at least one second, such as PT1H, P2D or PT5S",
    })
    .default("PT1H"),
  NETWORK_SETTLE: z
    .string()
    .refine((v) => durationMs(v) !== undefined, {
      message: "expected an ISO 8601 duration such as PT2M, PT30S or PT0S",
    })
    .default("PT2M"),
  NETWORK_SYNC_INTERVAL: z
    .string()
    .refine((v) => (durationMs(v) ?? 0) >= 1000, {
      message: "expected an ISO 8601 duration of at least one second, such as PT1M or PT1S",
    })
    .default("PT1M"),
  WATCH_INTERVAL: z
    .string()
    .refine((v) => (durationMs(v) ?? 0) >= 1000, {
      message: "expected an ISO 8601 duration of at least one second, such as PT5M or PT2S",
    })
    .default("PT5M"),
  SHUTDOWN_CHECK_INTERVAL: duration.default(60_000),
  COMMONHOST_TOKEN: z.string().trim().optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  origin: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  allowPrivateAddress: boolean;
  /** Origins on private addresses the instance may reach although allowPrivateAddress is off. */
  allowPrivateOrigins: readonly string[];
  inboxMaxBytes: number;
  queueWorkers: number;
  queuePollMs: number;
  /**
   * How many reverse proxies in front of the instance add an `X-Forwarded-For` entry (0: none, the
   * socket's address is the client's). Only the entries those proxies added are believed.
   */
  trustProxy: number;
  /** First pause before a failed delivery is tried again; later pauses double (see federation.ts). */
  deliveryRetryInitialMs: number;
  /** How soon a queue message held by a crashed worker is taken by another (the lease is renewed while it is worked on). */
  queueLeaseMs: number;
  /** Tries of one queue message whose handler throws before it moves to the dead letters. */
  queueMaxAttempts: number;
  /** Directory: how often every replica is re-fetched (conditionally), in ms. */
  directoryRefreshMs: number;
  /** Directory: a replica not heard from for this long is marked stale, in ms. */
  directoryStaleAfterMs: number;
  /** Directory: 1 = only peers, 2 = also the providers peers follow, 3 = one step further. */
  directoryDiscoveryDepth: number;
  /** Networks: the shortest voting window a charter founded or amended here may set, in ms. */
  networkMinWindowMs: number;
  /** Networks: how long after a motion's close its decision settles (closings have arrived), in ms. */
  networkSettleMs: number;
  /** Networks: how often each member runs an anti-entropy round with each other member, in ms. */
  networkSyncIntervalMs: number;
  /** Mutual aid's health watch: how often each member probes every other member of its networks (ISO 8601). */
  watchInterval: string;
  /** How often a notice of closing whose date has come is looked for (and the Move made), in ms. */
  shutdownCheckMs: number;
  /** An API token the command line uses to ask the running server (queue commands). */
  cliToken: string | undefined;
}>;

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.issues = issues;
  }
}

/** Parses an environment (by default the one read by src/environment.js) into a frozen Config, or throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const got = cleaned[name];
        return `${name}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
      }),
    );
  }
  const e = parsed.data;
  const origin = (e.ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    origin,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    allowPrivateAddress: e.ALLOW_PRIVATE_ADDRESS,
    allowPrivateOrigins: Object.freeze(e.ALLOW_PRIVATE_ORIGINS),
    inboxMaxBytes: e.INBOX_MAX_BYTES,
    queueWorkers: e.QUEUE_WORKERS,
    queuePollMs: e.QUEUE_POLL_MS,
    trustProxy: e.TRUST_PROXY,
    deliveryRetryInitialMs: e.DELIVERY_RETRY_INITIAL_MS,
    queueLeaseMs: e.QUEUE_LEASE_MS,
    queueMaxAttempts: e.QUEUE_MAX_ATTEMPTS,
    directoryRefreshMs: e.DIRECTORY_REFRESH_INTERVAL,
    directoryStaleAfterMs: e.DIRECTORY_STALE_AFTER,
    directoryDiscoveryDepth: e.DIRECTORY_DISCOVERY_DEPTH,
    networkMinWindowMs: durationMs(e.NETWORK_MIN_WINDOW) ?? 3_600_000,
    networkSettleMs: durationMs(e.NETWORK_SETTLE) ?? 120_000,
    networkSyncIntervalMs: durationMs(e.NETWORK_SYNC_INTERVAL) ?? 60_000,
    watchInterval: e.WATCH_INTERVAL,
    shutdownCheckMs: e.SHUTDOWN_CHECK_INTERVAL,
    cliToken: e.COMMONHOST_TOKEN || undefined,
  });
}
