// Password resets from the server's command line (`commonhost account reset`): a single-use link that
// expires, for an operator who lost their password or an admin locked out. Like invitations, only a
// SHA-256 of the link's secret is kept. The links live in kv_entries (key: that hash; value: whose
// account), which already expires and purges entries, so they need no table of their own.
import { and, eq, gt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client.ts";
import { encodeKey } from "../../db/kv-store.ts";
import { kvEntries, operators, operatorSessions } from "../../db/schema/index.ts";
import { fail, fieldError, issueError, ok, type Result } from "../validation.ts";
import { passwordSchema, usernameSchema } from "./accounts.ts";
import { hashPassword } from "./passwords.ts";
import { accountKey, addressKey, clearFailures, LOGIN_LIMITS, releaseAttempt, takeAttempt } from "./rate-limit.ts";
import type { Operator } from "./sessions.ts";
import { matchTotp } from "./totp.ts";
import { newSecret, sha256 } from "./tokens.ts";

export const RESET_TTL_MS = 24 * 3600_000;

// Entries of the key–value store: ["commonhost", "passwordReset", hash of the secret].
const RESET_KEY = ["commonhost", "passwordReset"] as const;
const keyOf = (secret: string) => encodeKey([...RESET_KEY, sha256(secret)]);
const everyResetKey = `${encodeKey([...RESET_KEY, ""])}%`;

type ResetRecord = { operatorId: string; disableTotp: boolean };

/**
 * A new reset link's secret for the operator; earlier links for the same account stop working.
 * With disableTotp, using the link also turns the account's second factor off (a lost phone).
 */
export async function issuePasswordReset(
  db: Db,
  input: { username: string; disableTotp: boolean },
): Promise<Result<{ secret: string; operator: Operator; expiresAt: Date }>> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success)
    return fail("invalid", "reset.badUsername", { fields: { username: fieldError("username_format") } });
  const [operator] = await db.select().from(operators).where(eq(operators.username, username.data)).limit(1);
  if (!operator) return fail("not_found", "reset.noOperator", { vars: { username: username.data } });
  const { secret } = newSecret();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  const record: ResetRecord = { operatorId: operator.id, disableTotp: input.disableTotp };
  await db.transaction(async (tx) => {
    await rowsOf(
      tx,
      sql`delete from kv_entries where key like ${everyResetKey} and value->>'operatorId' = ${operator.id}`,
    );
    // Serialised by hand, as the key–value store does, so the value is a JSON object whatever the driver.
    await tx.insert(kvEntries).values({ key: keyOf(secret), value: sql`${JSON.stringify(record)}::jsonb`, expiresAt });
  });
  return ok({ secret, operator, expiresAt });
}

/** The account a link's secret resets, if the link is live. */
export async function findPasswordReset(
  db: Db,
  secret: string,
): Promise<{ operator: Operator; disableTotp: boolean } | undefined> {
  if (!secret || secret.length > 100) return undefined;
  const [row] = await db
    .select({ value: kvEntries.value })
    .from(kvEntries)
    .where(and(eq(kvEntries.key, keyOf(secret)), gt(kvEntries.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return undefined;
  const record = row.value as ResetRecord;
  const [operator] = await db.select().from(operators).where(eq(operators.id, record.operatorId)).limit(1);
  return operator ? { operator, disableTotp: record.disableTotp === true } : undefined;
}

/**
 * Sets the new password and spends the link, and signs the account out everywhere, in one
 * transaction. An account whose second factor stays on must also give a current code: the link
 * replaces the password, not the authenticator app. Wrong codes count as failed sign-ins.
 */
export async function completePasswordReset(
  db: Db,
  secret: string,
  input: { password: string; code: string; address: string },
): Promise<Result<Operator>> {
  const reset = await findPasswordReset(db, secret);
  if (!reset) return fail("forbidden", "reset.linkInvalid");
  const { operator, disableTotp } = reset;
  const password = passwordSchema.safeParse(input.password);
  if (!password.success)
    return fail("invalid", "password.invalid", { fields: { password: issueError(password.error.issues[0]!) } });
  let totpStep: number | undefined;
  if (operator.totpSecret && !disableTotp) {
    // Counted, checked and recorded in one step, as for sign-in (see takeAttempt).
    const attempt = await takeAttempt(db, [
      { key: accountKey(operator.username), limit: LOGIN_LIMITS.account },
      { key: addressKey(input.address), limit: LOGIN_LIMITS.address },
    ]);
    if (!attempt) return fail("rate_limited", "reset.rateLimited");
    totpStep = matchTotp(operator.totpSecret, input.code);
    if (totpStep === undefined || (operator.totpLastStep !== null && totpStep <= operator.totpLastStep))
      return fail("unauthorized", "signIn.totpWrong", { fields: { code: fieldError("totp") } });
    await releaseAttempt(db, attempt);
  }
  const passwordHash = await hashPassword(password.data);
  const updated = await db.transaction(async (tx) => {
    // Spent only if still live: of two racing submissions one sets the password.
    const spent = await tx
      .delete(kvEntries)
      .where(and(eq(kvEntries.key, keyOf(secret)), gt(kvEntries.expiresAt, sql`now()`)))
      .returning({ key: kvEntries.key });
    if (spent.length === 0) return undefined;
    const secondFactor = disableTotp
      ? { totpSecret: null, totpLastStep: null }
      : totpStep !== undefined
        ? { totpLastStep: totpStep }
        : {};
    const [row] = await tx
      .update(operators)
      .set({ passwordHash, ...secondFactor })
      .where(eq(operators.id, operator.id))
      .returning();
    await tx.delete(operatorSessions).where(eq(operatorSessions.operatorId, operator.id));
    return row;
  });
  if (!updated) return fail("forbidden", "reset.linkInvalid");
  // The account was perhaps locked by failed sign-ins: its owner has proved who they are.
  await clearFailures(db, [accountKey(operator.username)]);
  return ok(updated);
}
