import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";

/**
 * Serialises transactions that share a key until they commit: a count-then-insert limit holds even
 * with several workers. (PGlite has one connection, so there it is already serial.)
 */
export async function lockKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
