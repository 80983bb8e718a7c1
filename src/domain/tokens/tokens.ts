// Operator API tokens: random, shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens } from "../../db/schema/index.ts";
import { fail, fieldError, ok, type Result } from "../validation.ts";

export type ApiToken = Omit<typeof apiTokens.$inferSelect, "tokenHash">;
const TOKEN_PREFIX = "chp_";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createToken(db: Db, name: string): Promise<Result<{ token: string; record: ApiToken }>> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    return fail("invalid", "token.badName", { fields: { name: fieldError("tokenName") } });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({ name: trimmed, tokenHash: hash(token), prefix: token.slice(0, 10) })
    .returning();
  const { tokenHash: _hash, ...record } = row!;
  return ok({ token, record });
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  return rows.map(({ tokenHash: _hash, ...rest }) => rest);
}

export async function revokeToken(db: Db, idOrPrefix: string): Promise<Result<ApiToken>> {
  const rows = await listTokens(db);
  const matches = rows.filter(
    (t) => !t.revokedAt && (t.id === idOrPrefix || t.prefix === idOrPrefix || t.name === idOrPrefix),
  );
  if (matches.length === 0) return fail("not_found", "token.noMatch", { vars: { query: idOrPrefix } });
  if (matches.length > 1)
    return fail("conflict", "token.ambiguous", { vars: { count: matches.length, query: idOrPrefix } });
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(eq(apiTokens.id, matches[0]!.id))
    .returning();
  const { tokenHash: _hash, ...record } = row!;
  return ok(record);
}

/** How often a token's last use is written: each write is a commit to disk, each request a use. */
const LAST_USE_PRECISION_MS = 60_000;

/**
 * The token record for a bearer token, if it exists and is not revoked (and the extra condition
 * given holds: the caller's rate limit); notes its last use, to the minute.
 */
export async function verifyToken(db: Db, token: string, onlyIf?: SQL): Promise<ApiToken | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash(token)), isNull(apiTokens.revokedAt), onlyIf));
  if (!row) return undefined;
  const { tokenHash: _hash, ...record } = row;
  const now = new Date();
  if (record.lastUsedAt && now.getTime() - record.lastUsedAt.getTime() < LAST_USE_PRECISION_MS) return record;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, record.id));
  return { ...record, lastUsedAt: now };
}
