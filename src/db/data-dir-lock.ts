// PGlite is a database inside this process: two processes opening the same directory would corrupt
// it. A lock file keeps a second one out. It names the process that holds it, and since process ids
// are reused (after a reboot especially, when a crashed server's id may belong to anything), it also
// records what makes that process unique: the kernel's boot id and the process's start time. A lock is
// in force only while a process with that id, started at that time, in this boot, is alive; anything
// else is what a crash or a power cut left behind, and is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isProcessAlive } from "../process-alive.ts";

export type LockHolder = { pid: number; startTime: string | null; bootId: string | null };

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

/** The kernel's id for this boot (Linux), or null where there is none. */
export function bootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** When the process started, in clock ticks since boot (Linux: field 22 of /proc/<pid>/stat), or null. */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null; // field 22 counted from 1 = the 20th after the command name
}

/** Whether the command line of a process names Commonhost (for locks written before start times were). */
function looksLikeCommonhost(pid: number): boolean {
  try {
    return /commonhost|src\/main\.ts|bundle/i.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    // No /proc (not Linux): nothing more to go on than the pid.
    return true;
  }
}

export function parseLock(text: string): LockHolder | undefined {
  const trimmed = text.trim();
  // Before start times were recorded, the file held the bare pid.
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), startTime: null, bootId: null };
  try {
    const value = JSON.parse(trimmed) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || !Number.isInteger(value.pid) || value.pid <= 0) return undefined;
    return {
      pid: value.pid,
      startTime: typeof value.startTime === "string" ? value.startTime : null,
      bootId: typeof value.bootId === "string" ? value.bootId : null,
    };
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names is still the one that wrote it. */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return false;
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return false; // written before a reboot
  if (!isProcessAlive(holder.pid)) return false;
  if (holder.startTime === null) return looksLikeCommonhost(holder.pid);
  const startTime = processStartTime(holder.pid);
  // Where start times cannot be read, a live pid is all there is to go on.
  return startTime === null || startTime === holder.startTime;
}

const thisProcess = (): LockHolder => ({
  pid: process.pid,
  startTime: processStartTime(process.pid),
  bootId: bootId(),
});

/**
 * Takes the data directory's lock, or throws DatabaseInUseError if a live server holds it. Returns the
 * function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, "commonhost.lock");
  const content = JSON.stringify(thisProcess());
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockFile, content, { flag: "wx" });
      return () => {
        // Only our own lock: a server that took over a lock it thought stale must keep its own.
        const holder = readHolder(lockFile);
        if (holder?.pid === process.pid) rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(lockFile);
    if (holder && holderIsAlive(holder)) {
      throw new DatabaseInUseError(
        `The embedded database in ${dataDir} is in use by process ${holder.pid} (is \`commonhost serve\` running?). ` +
          "Stop it first, use the operator API or panel instead, or set DATABASE_URL to use PostgreSQL.",
      );
    }
    // Left by a process that is gone: remove it and try again (exclusively, so of two servers
    // starting at once only one gets it).
    rmSync(lockFile, { force: true });
  }
  throw new DatabaseInUseError(`Could not take the lock on the embedded database in ${dataDir}.`);
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    return parseLock(readFileSync(lockFile, "utf8"));
  } catch {
    return undefined;
  }
}
