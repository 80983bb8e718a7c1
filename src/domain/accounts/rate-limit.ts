// Failed sign-ins are counted in the database so the limit holds across processes and restarts.
import { and, count, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { loginFailures } from "../../db/schema/index.ts";

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Per account: a handful of guesses. Per address: more, since several operators may share one. */
export const LOGIN_LIMITS = { account: 5, address: 20 } as const;

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Whether any of the keys has reached its limit within the window. */
export async function isRateLimited(db: Db, keys: { key: string; limit: number }[], now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const { key, limit } of keys) {
    const [row] = await db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)));
    if (Number(row?.n ?? 0) >= limit) return true;
  }
  return false;
}

export async function recordFailure(db: Db, keys: string[]): Promise<void> {
  await db.insert(loginFailures).values(keys.map((key) => ({ key })));
  // Old failures are no longer counted; drop them so the table stays small.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - LOGIN_WINDOW_MS)));
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
}
