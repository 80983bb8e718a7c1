// The embedded database's lock: a server that crashed (kill -9, power cut) never keeps the next one
// from starting, even when its process id now belongs to another program; a live server does.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, openDatabase } from "../../src/db/client.ts";
import { bootId, lockDataDir, parseLock, processStartTime } from "../../src/db/data-dir-lock.ts";
import { spawnInstance, type ChildInstance } from "../helpers/child-instance.ts";
import { freePort } from "../helpers/instance.ts";

const lockOf = (dataDir: string) => join(dataDir, "pglite", "commonhost.lock");

/** A live process that has nothing to do with Commonhost. */
async function unrelatedProcess(): Promise<ChildProcess> {
  const child = spawn("sleep", ["600"], { stdio: "ignore" });
  await new Promise((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  return child;
}

/** Takes the lock of dataDir and releases it again: what a start does before it opens the database. */
async function startsOn(dataDir: string): Promise<true> {
  const release = lockDataDir(join(dataDir, "pglite"));
  release();
  return true;
}

describe("the embedded database's lock", { timeout: 180_000 }, () => {
  let dir: string | undefined;
  let sleeper: ChildProcess | undefined;
  let server: ChildInstance | undefined;
  afterEach(async () => {
    sleeper?.kill("SIGKILL");
    await server?.kill("SIGKILL");
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const freshDir = async () => {
    dir = mkdtempSync(join(tmpdir(), "commonhost-lock-"));
    mkdirSync(join(dir, "pglite"));
    await startsOn(dir);
    expect(existsSync(lockOf(dir))).toBe(false); // released
    return dir;
  };

  it("records the process, its start time and the boot", async () => {
    const start = processStartTime(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(processStartTime(process.pid)).toBe(start);
    expect(bootId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseLock("1234")).toEqual({ pid: 1234, startTime: null, bootId: null });
    expect(parseLock('{"pid":5,"startTime":"77","bootId":"b"}')).toEqual({ pid: 5, startTime: "77", bootId: "b" });
    expect(parseLock("garbage")).toBeUndefined();
  });

  it("is taken over when its process id now belongs to another program", async () => {
    const dataDir = await freshDir();
    sleeper = await unrelatedProcess();
    const pid = sleeper.pid!;
    // A server that crashed had this id: same boot, another start time.
    writeFileSync(lockOf(dataDir), JSON.stringify({ pid, startTime: "1", bootId: bootId() }));
    expect(await startsOn(dataDir)).toBe(true);
    // Written before a reboot: whatever has the id now, the lock is stale.
    writeFileSync(
      lockOf(dataDir),
      JSON.stringify({ pid, startTime: processStartTime(pid), bootId: "an-earlier-boot" }),
    );
    expect(await startsOn(dataDir)).toBe(true);
    // The old format, a bare pid, naming a program that is not Commonhost (a sleep, the test runner's parent).
    writeFileSync(lockOf(dataDir), String(pid));
    expect(await startsOn(dataDir)).toBe(true);
    writeFileSync(lockOf(dataDir), String(process.ppid));
    expect(await startsOn(dataDir)).toBe(true);
    // A lock file left unreadable (a power cut while it was written) does not block either.
    writeFileSync(lockOf(dataDir), "");
    expect(await startsOn(dataDir)).toBe(true);
  });

  it("keeps a second start out while a server runs, and lets one in after that server is killed", async () => {
    const dataDir = await freshDir();
    // The database made beforehand, so that the server's start is quick.
    await (await openDatabase({ dataDir, databaseUrl: undefined })).close();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = await spawnInstance(origin, {
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: origin,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    });
    const held = parseLock(readFileSync(lockOf(dataDir), "utf8"));
    expect(held).toEqual({
      pid: server.process.pid,
      startTime: processStartTime(server.process.pid!),
      bootId: bootId(),
    });
    await expect(openDatabase({ dataDir, databaseUrl: undefined })).rejects.toThrow(DatabaseInUseError);
    await expect(openDatabase({ dataDir, databaseUrl: undefined })).rejects.toThrow(
      `in use by process ${server.process.pid}`,
    );

    await server.kill("SIGKILL");
    server = undefined;
    // The lock is still there, naming the dead server: the next start takes it over and opens the database.
    expect(parseLock(readFileSync(lockOf(dataDir), "utf8"))?.pid).toBe(held!.pid);
    const reopened = await openDatabase({ dataDir, databaseUrl: undefined });
    expect((await reopened.rows<{ n: number }>(sql`select 1 as n`))[0]!.n).toBe(1);
    await reopened.close();
    expect(existsSync(lockOf(dataDir))).toBe(false);
  });
});
