// Failed sign-ins (to the panel, and bearer authentications to the API) are counted in the database
// so the limits hold across processes and restarts.
import { and, count, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client.ts";
import { lockKey } from "../../db/locks.ts";
import { loginFailures } from "../../db/schema/index.ts";

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Per account: a handful of guesses. Per address: more, since several operators may share one. */
export const LOGIN_LIMITS = { account: 5, address: 20 } as const;

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Failed API authentications (missing, wrong or revoked bearer token) per address, within the same window. */
export const API_AUTH_LIMIT = 20;
export const apiAddressKey = (address: string) => `api:${address}`;

/**
 * Counts, checks and records an attempt in one step: under a lock on each key, unless a key has reached
 * its limit, a failure is recorded for every key before anything is checked, and their ids are
 * returned (to release with `releaseAttempt` when the attempt succeeds). Parallel attempts therefore
 * see each other's failures: at most `limit` of them get past the check within the window, however
 * they are timed. Undefined: a key is at its limit, nothing may be checked.
 */
export async function takeAttempt(
  db: Db,
  keys: { key: string; limit: number }[],
  now = new Date(),
): Promise<string[] | undefined> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return db.transaction(async (tx) => {
    // Always in the same order, so two attempts sharing keys cannot wait on each other.
    for (const { key } of ordered) await lockKey(tx, `login:${key}`);
    for (const { key, limit } of ordered) {
      const [row] = await tx
        .select({ n: count() })
        .from(loginFailures)
        .where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)));
      if (Number(row?.n ?? 0) >= limit) return undefined;
    }
    const rows = await tx
      .insert(loginFailures)
      .values(ordered.map(({ key }) => ({ key, at: now })))
      .returning({ id: loginFailures.id });
    await tx.delete(loginFailures).where(lt(loginFailures.at, since));
    return rows.map((r) => r.id);
  });
}

/** Takes back the failures an attempt recorded in advance, once it succeeded. */
export async function releaseAttempt(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(loginFailures).where(inArray(loginFailures.id, ids));
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
