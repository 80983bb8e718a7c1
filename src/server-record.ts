// Where the running server listens, recorded by the server in its data directory, so that the command
// line reaches it (and prints its links) even when started with other variables (`PORT=3001 npm start`,
// then `npx commonhost queue` without PORT). The record names the process that wrote it, with its start
// time and the boot id, like the database lock: a record left by a crash is recognised and ignored.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "./config.ts";
import { bootId, holderIsAlive, parseLock, processStartTime } from "./db/data-dir-lock.ts";

export type ServerAddress = { host: string; port: number; origin: string };

const recordFile = (dataDir: string) => join(dataDir, "commonhost.server.json");

/** Records where this process listens; returns the function that removes the record (on a clean stop). */
export function recordServer(dataDir: string, address: ServerAddress): () => void {
  const file = recordFile(dataDir);
  const record = { ...address, pid: process.pid, startTime: processStartTime(process.pid), bootId: bootId() };
  try {
    writeFileSync(file, `${JSON.stringify(record)}\n`);
  } catch {
    return () => {}; // a read-only data directory: the command line falls back to the configuration
  }
  return () => {
    // Only our own record: another server may have written its own since.
    let pid: number | undefined;
    try {
      pid = parseLock(readFileSync(file, "utf8"))?.pid;
    } catch {}
    if (pid === process.pid) rmSync(file, { force: true });
  };
}

function readRecord(file: string): (ServerAddress & { pid: number }) | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const holder = parseLock(text);
  if (!holder) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ServerAddress>;
    if (typeof value.host !== "string" || typeof value.origin !== "string") return undefined;
    if (typeof value.port !== "number" || !Number.isInteger(value.port)) return undefined;
    if (!holderIsAlive(holder)) return undefined;
    return { host: value.host, port: value.port, origin: value.origin, pid: holder.pid };
  } catch {
    return undefined;
  }
}

/** The running server's address: its record when the process that wrote it is alive, else the configuration. */
export function serverAddress(config: Config): ServerAddress & { recorded: boolean } {
  const recorded = readRecord(recordFile(config.dataDir));
  if (recorded) return { host: recorded.host, port: recorded.port, origin: recorded.origin, recorded: true };
  return { host: config.host, port: config.port, origin: config.origin, recorded: false };
}
