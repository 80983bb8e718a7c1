// Applies drizzle/ migrations. On PostgreSQL an advisory lock, held on one connection, keeps two
// processes that start at once (serve and worker) from migrating at the same time.
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Database, Db } from "./client.ts";

const migrationsFolder = join(import.meta.dirname, "..", "..", "drizzle");
const LOCK_ID = 7_240_515; // arbitrary, fixed: "commonhost migrations"

export async function migrate(database: Database): Promise<void> {
  const { migrate: run } =
    database.kind === "pglite"
      ? await import("drizzle-orm/pglite/migrator")
      : await import("drizzle-orm/postgres-js/migrator");
  await database.withConnection(async (db: Db) => {
    await db.execute(sql`select pg_advisory_lock(${LOCK_ID})`);
    try {
      // Extensions first: pg_trgm and unaccent are "trusted", so a database owner may create them.
      await db.execute(sql`create extension if not exists pg_trgm`);
      await db.execute(sql`create extension if not exists unaccent`);
      await run(db as never, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${LOCK_ID})`);
    }
  });
}
