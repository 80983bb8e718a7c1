// Panel sessions: a random cookie value, stored hashed, with an expiry; listed and revocable.
import { and, desc, eq, gt, lt, max, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { operatorSessions, operators } from "../../db/schema/index.ts";
import { newSecret, sha256 } from "./tokens.ts";

export const SESSION_TTL_MS = 30 * 24 * 3600_000;
export type OperatorSession = typeof operatorSessions.$inferSelect;
export type Operator = typeof operators.$inferSelect;

export async function createSession(
  db: Db,
  operatorId: string,
  userAgent: string | undefined,
): Promise<{ token: string; session: OperatorSession }> {
  const { secret, hash } = newSecret();
  const [session] = await db
    .insert(operatorSessions)
    .values({
      tokenHash: hash,
      operatorId,
      userAgent: userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    })
    .returning();
  return { token: secret, session: session! };
}

/** The live session and its operator for a cookie value; notes the visit at most once a minute. */
export async function findSession(
  db: Db,
  token: string,
): Promise<{ session: OperatorSession; operator: Operator } | undefined> {
  if (token.length > 100) return undefined;
  const now = new Date();
  const [row] = await db
    .select({ session: operatorSessions, operator: operators })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .where(and(eq(operatorSessions.tokenHash, sha256(token)), gt(operatorSessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(operatorSessions).set({ lastSeenAt: now }).where(eq(operatorSessions.id, row.session.id));
  }
  return row;
}

export async function listSessions(db: Db, operatorId: string): Promise<OperatorSession[]> {
  await db.delete(operatorSessions).where(lt(operatorSessions.expiresAt, new Date()));
  return db
    .select()
    .from(operatorSessions)
    .where(eq(operatorSessions.operatorId, operatorId))
    .orderBy(desc(operatorSessions.lastSeenAt));
}

export async function revokeSession(db: Db, operatorId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .delete(operatorSessions)
    .where(and(eq(operatorSessions.id, sessionId), eq(operatorSessions.operatorId, operatorId)))
    .returning({ id: operatorSessions.id });
  return rows.length > 0;
}

/** Signs the operator out everywhere, optionally keeping one session (the one asking). */
export async function revokeAllSessions(db: Db, operatorId: string, keep?: string): Promise<number> {
  const where = keep
    ? and(eq(operatorSessions.operatorId, operatorId), ne(operatorSessions.id, keep))
    : eq(operatorSessions.operatorId, operatorId);
  return (await db.delete(operatorSessions).where(where).returning({ id: operatorSessions.id })).length;
}

/** When each operator was last seen in a live session (sessions are the only record of signing in). */
export async function lastSeenByOperator(db: Db): Promise<Map<string, Date>> {
  const rows = await db
    .select({ operatorId: operatorSessions.operatorId, lastSeenAt: max(operatorSessions.lastSeenAt) })
    .from(operatorSessions)
    .where(gt(operatorSessions.expiresAt, new Date()))
    .groupBy(operatorSessions.operatorId);
  return new Map(rows.flatMap((r) => (r.lastSeenAt ? [[r.operatorId, r.lastSeenAt] as const] : [])));
}
