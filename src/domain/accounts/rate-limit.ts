// Failed sign-ins (to the panel, and bearer authentications to the API) are counted in the database
// so the limits hold across processes and restarts.
import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client.ts";
import { loginFailures } from "../../db/schema/index.ts";

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Per account: a handful of guesses. Per address: more, since several operators may share one. */
export const LOGIN_LIMITS = { account: 5, address: 20 } as const;

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Failed API authentications (missing, wrong or revoked bearer token) per address, within the same window. */
export const API_AUTH_LIMIT = 20;
export const apiAddressKey = (address: string) => `api:${address}`;

/** Whether any of the keys has reached its limit within the window. */
export async function isRateLimited(
  db: Db,
  keys: { key: string; limit: number }[],
  now = new Date(),
): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const { key, limit } of keys) {
    const [row] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)));
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

const windowStart = () => sql`now() - ${`${LOGIN_WINDOW_MS} milliseconds`}::interval`;

/**
 * A condition that holds while the key is under its limit, to add to another statement: a check
 * that costs no round trip of its own.
 */
export function underLimit(key: string, limit: number): SQL {
  return sql`(select count(*) from ${loginFailures} where ${loginFailures.key} = ${key} and ${loginFailures.at} >= ${windowStart()}) < ${limit}`;
}

/** Whether the key has reached its limit and, if so, in how many seconds its oldest failure stops counting. */
export async function limitState(
  db: Db,
  key: string,
  limit: number,
): Promise<{ limited: false } | { limited: true; retryAfterSeconds: number }> {
  const [row] = await rowsOf<{ failures: number; retryAfter: number | null }>(
    db,
    sql`select count(*)::int as failures,
               ceil(extract(epoch from min(at) + ${`${LOGIN_WINDOW_MS} milliseconds`}::interval - now()))::int as "retryAfter"
        from login_failures where key = ${key} and at >= ${windowStart()}`,
  );
  if (!row || row.failures < limit) return { limited: false };
  return { limited: true, retryAfterSeconds: Math.max(1, row.retryAfter ?? 1) };
}
