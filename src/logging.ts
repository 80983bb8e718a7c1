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
 * A LogTape sink that writes into pino, keeping Fedify's category and structured properties. Fedify
 * logs whole activities (a received body can be a megabyte): a long value is cut to a summary, so
 * what a sender puts in a body cannot fill the log.
 */
export function pinoSink(logger: Logger): Sink {
  return (record) => {
    const message = clip(record.message.map((part) => (typeof part === "string" ? part : safeString(part))).join(""));
    const properties = Object.fromEntries(Object.entries(record.properties).map(([k, v]) => [k, summarised(v)]));
    logger[levels[record.level]]({ category: record.category.join("."), ...properties }, message);
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
