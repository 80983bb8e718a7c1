// One database handle over either embedded PGlite or a PostgreSQL server; the rest of the code does not care which.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Config } from "../config.ts";
import * as schema from "./schema/index.ts";
import { lockDataDir } from "./data-dir-lock.ts";

export { DatabaseInUseError } from "./data-dir-lock.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  /** Raw SQL returning rows, hiding the drivers' different result shapes. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Runs fn on one connection held for its whole duration (session-level locks need that). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseTarget = Pick<Config, "databaseUrl" | "dataDir">;

/** Raw SQL through any Db, a transaction too: its rows, whatever the driver's result shape. */
export async function rowsOf<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A json value from raw SQL: postgres.js parses it, a driver that does not gives its text. */
export const jsonValue = <T>(value: unknown): T =>
  typeof value === "string" ? (JSON.parse(value) as T) : (value as T);

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.databaseUrl ? openPostgres(target.databaseUrl) : openPglite(join(target.dataDir, "pglite"));
}

async function openPostgres(url: string): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: 10,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: "commonhost" },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    rows: (query) => rowsOf(db, query),
    async withConnection(fn) {
      // A client of its own with a single connection: every statement of fn runs on it.
      const single = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "commonhost" } });
      try {
        return await fn(drizzle(single, { schema }) as unknown as Db);
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, unaccent },
    // Small buffers keep an idle instance's memory low on small servers.
    postgresqlconf: ["shared_buffers=16MB", "work_mem=4MB"],
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    rows: (query) => rowsOf(db, query),
    withConnection: (fn) => fn(db),
    async close() {
      await client.close();
      releaseLock();
    },
  };
}
