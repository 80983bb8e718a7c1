// Migrates one template database per test run; every test then gets a fresh copy of it:
// CREATE DATABASE ... TEMPLATE on PostgreSQL, a copied data directory on PGlite.
//
// On PostgreSQL the template and its copies must not outlive the run. vitest skips the teardown
// when it is interrupted (SIGINT/SIGTERM call process.exit) and cuts it short after
// teardownTimeout, which left ch_tpl_* databases behind. So: the teardown drops the copies before
// the template and retries a drop that races a dying session; an interrupted run hands the
// cleanup to a detached process; and each run first drops what runs that no longer exist left.
import "temporal-polyfill/global";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { dropOrphanedTemplates, dropTestDatabases } from "./drop-test-databases.ts";
import { adminSql, testDatabaseUrl } from "./pg-admin.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: { kind: "postgres"; name: string } | { kind: "pglite"; dir: string };
  }
}

export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    await dropOrphanedTemplates(url);
    const name = `ch_tpl_${process.pid}_${Date.now().toString(36)}`;
    const onSignal = () => {
      const script = join(import.meta.dirname, "drop-test-databases.ts");
      spawn(process.execPath, [script, url, name], { detached: true, stdio: "ignore" }).unref();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const admin = adminSql(url);
    await admin.unsafe(`create database "${name}"`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: "" });
    await migrate(database);
    await database.close();
    await admin.end();
    project.provide("templateDatabase", { kind: "postgres", name });
    return async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      const failures = await dropTestDatabases(url, name);
      if (failures.length > 0) throw new Error(`test databases left behind:\n${failures.join("\n")}`);
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "commonhost-tpl-"));
  const database = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  await migrate(database);
  await database.close();
  project.provide("templateDatabase", { kind: "pglite", dir });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}
