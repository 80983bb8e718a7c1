// pino is the only logger; Fedify's LogTape records are bridged into it so every line has one shape.
import { configure, reset, type LogRecord, type Sink } from "@logtape/logtape";
import pino, { type Logger } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

const redact = {
  paths: [
    "password",
    "token",
    "secret",
    "privateKey",
    "*.password",
    "*.token",
    "*.authorization",
    "authorization",
    "cookie",
    "*.cookie",
  ],
  censor: "[redacted]",
};

export function createLogger(level: Config["logLevel"]): Logger {
  return pino({ level, redact, base: { app: "commonhost" } });
}

const levels: Record<LogRecord["level"], "trace" | "debug" | "info" | "warn" | "error" | "fatal"> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warning: "warn",
  error: "error",
  fatal: "fatal",
};

/**
 * What an outsider can make the instance log as often as they like: a URL refused because it points
 * at a private address (an actor, key or inbox on 127.0.0.1, 10.x, a metadata service…), and a request
 * whose signature does not verify. Fedify logs each at error level; here they are warnings, and only
 * one per kind a minute — the rest at debug level, counted in the next warning's `alsoRefused`.
 */
export function outsiderCaused(message: string, properties: Record<string, unknown>): string | undefined {
  if (/^Disallowed private URL/.test(message)) return "private-url";
  if (Object.values(properties).some((v) => v instanceof Error && v.name === "UrlError")) return "private-url";
  if (/^Failed to verify the request's HTTP Signatures/.test(message)) return "bad-signature";
  return undefined;
}

export const REFUSAL_LOG_WINDOW_MS = 60_000;

/**
 * Logs refusals of one kind at warn level at most once per window, the others at debug level; the
 * warning says how many were left at debug since the last one. One per logger and kind.
 */
export function refusalLog(logger: Logger, windowMs = REFUSAL_LOG_WINDOW_MS) {
  const kinds = new Map<string, { lastWarnAt: number; since: number }>();
  return (kind: string, fields: Record<string, unknown>, message: string, now = Date.now()) => {
    const state = kinds.get(kind);
    if (state && now - state.lastWarnAt < windowMs) {
      state.since++;
      logger.debug({ ...fields, refusal: kind }, message);
      return;
    }
    const alsoRefused = state?.since ?? 0;
    kinds.set(kind, { lastWarnAt: now, since: 0 });
    logger.warn({ ...fields, refusal: kind, ...(alsoRefused ? { alsoRefused } : {}) }, message);
  };
}

const refusalLogs = new WeakMap<Logger, ReturnType<typeof refusalLog>>();

/** Logs something an outsider caused (see outsiderCaused) through the logger's one refusalLog. */
export function logRefusal(logger: Logger, kind: string, fields: Record<string, unknown>, message: string): void {
  let log = refusalLogs.get(logger);
  if (!log) {
    log = refusalLog(logger);
    refusalLogs.set(logger, log);
  }
  log(kind, fields, message);
}

/**
 * A LogTape sink that writes into pino, keeping Fedify's category and structured properties. Fedify
 * logs whole activities (a received body can be a megabyte): a long value is cut to a summary, so
 * what a sender puts in a body cannot fill the log.
 */
export function pinoSink(logger: Logger): Sink {
  return (record) => {
    const message = clip(record.message.map((part) => (typeof part === "string" ? part : safeString(part))).join(""));
    const properties = Object.fromEntries(Object.entries(record.properties).map(([k, v]) => [k, summarised(v)]));
    const fields = { category: record.category.join("."), ...properties };
    const kind =
      record.level === "error" || record.level === "warning" ? outsiderCaused(message, record.properties) : undefined;
    if (kind) logRefusal(logger, kind, fields, message);
    else logger[levels[record.level]](fields, message);
  };
}

/** Longest text or JSON value a log line carries whole. */
export const MAX_LOGGED_CHARS = 2000;

const clip = (text: string) =>
  text.length <= MAX_LOGGED_CHARS ? text : `${text.slice(0, MAX_LOGGED_CHARS)}… (${text.length} characters)`;

function summarised(value: unknown): unknown {
  if (typeof value === "string") return clip(value);
  if (value === null || typeof value !== "object" || value instanceof Error) return value;
  const text = safeString(value);
  if (text.length <= MAX_LOGGED_CHARS) return value;
  const { id, type } = value as { id?: unknown; type?: unknown };
  return {
    id: clip(String(id ?? "")),
    type: clip(String(type ?? "")),
    summary: `${text.length} characters, not logged`,
  };
}

function safeString(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

let bridged = false;

/** Routes Fedify's LogTape categories into pino. Idempotent: tests boot many instances in one process. */
export async function bridgeFedifyLogs(logger: Logger, level: Config["logLevel"]): Promise<void> {
  if (bridged) return;
  bridged = true;
  const lowest = level === "silent" || level === "fatal" ? "fatal" : level === "warn" ? "warning" : level;
  await reset();
  await configure({
    sinks: { pino: pinoSink(logger.child({ module: "fedify" })) },
    loggers: [
      { category: ["logtape", "meta"], sinks: [], lowestLevel: "warning" },
      { category: "fedify", sinks: ["pino"], lowestLevel: lowest },
    ],
  });
}
