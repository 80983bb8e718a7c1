// A fresh, migrated database with the provider set up: a PGlite data directory or a PostgreSQL database
// created for the bench and dropped afterwards.
import "temporal-polyfill/global";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";

export type BenchDatabase = {
  readonly kind: "pglite" | "postgres";
  readonly target: DatabaseTarget;
  /** Environment for a `commonhost serve` child on this database. */
  readonly env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
};

let counter = 0;

export async function benchDatabase(
  kind: "pglite" | "postgres",
  serverUrl: string | undefined,
  handle = "bench",
): Promise<BenchDatabase> {
  let target: DatabaseTarget;
  let drop: () => Promise<void>;
  const dataDir = mkdtempSync(join(tmpdir(), "commonhost-bench-"));
  if (kind === "postgres") {
    if (!serverUrl) throw new Error("no PostgreSQL server for the bench");
    const name = `commonhost_bench_${process.pid}_${counter++}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    target = { databaseUrl: url.href, dataDir };
    drop = async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    target = { databaseUrl: undefined, dataDir };
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const database = await openDatabase(target);
  try {
    await migrate(database);
    const result = await setupProvider(database.db, { handle, name: "Bench Co-op" });
    if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result.error)}`);
  } finally {
    await database.close();
  }
  return {
    kind,
    target,
    env: { DATA_DIR: dataDir, ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}), LOG_LEVEL: "warn" },
    open: () => openDatabase(target),
    drop,
  };
}
