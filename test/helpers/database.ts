// A fresh database per test, copied from the migrated template of this run.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/db/client.ts";
import { withDatabase } from "./global-setup.ts";
import { adminSql, testDatabaseUrl } from "./pg-admin.ts";

export type TestDatabase = {
  /** Where the database lives: pass it to openDatabase again to reopen it (a restart). */
  readonly target: DatabaseTarget;
  open(): Promise<Database>;
  drop(): Promise<void>;
};

let counter = 0;

export async function freshDatabase(): Promise<TestDatabase> {
  const template = inject("templateDatabase");
  if (template.kind === "postgres") {
    const url = testDatabaseUrl()!;
    const name = `${template.name}_t${process.pid}_${counter++}`;
    const admin = adminSql(url);
    await admin.unsafe(`create database "${name}" template "${template.name}"`);
    await admin.end();
    const target = { databaseUrl: withDatabase(url, name), dataDir: "" };
    return {
      target,
      open: () => openDatabase(target),
      async drop() {
        const cleanup = adminSql(url);
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "commonhost-test-"));
  cpSync(template.dir, dir, { recursive: true });
  const target = { databaseUrl: undefined, dataDir: dir };
  return {
    target,
    open: () => openDatabase(target),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database for the tests of a file: open before they run, closed and dropped after. */
export function useFreshDatabase(): () => Database {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    testDatabase = await freshDatabase();
    database = await testDatabase.open();
  });
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });
  return () => database!;
}
