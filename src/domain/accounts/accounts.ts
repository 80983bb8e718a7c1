// Operator accounts: the first-run setup, sign-in (rate-limited), passwords, roles and the second factor.
// Field errors carry short codes ("taken", "too_short") that the panel translates.
import { and, asc, count, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { operators, setupCodes } from "../../db/schema/index.ts";
import { findProvider, setupProvider } from "../provider/provider.ts";
import { fail, fieldError, issueError, ok, type FieldError, type Result } from "../validation.ts";
import { decoyHash, hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from "./passwords.ts";
import { accountKey, addressKey, clearFailures, LOGIN_LIMITS, releaseAttempt, takeAttempt } from "./rate-limit.ts";
import type { Operator } from "./sessions.ts";
import { matchTotp } from "./totp.ts";
import { newSecret, sha256 } from "./tokens.ts";

export type Role = Operator["role"];
export const roles = ["admin", "editor"] as const;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,40}$/, { message: "username_format" });
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, { message: "password_short" })
  .max(PASSWORD_MAX, { message: "password_long" });

export async function countOperators(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(operators);
  return Number(row?.n ?? 0);
}

export async function listOperators(db: Db): Promise<Operator[]> {
  return db.select().from(operators).orderBy(asc(operators.createdAt));
}

export async function findOperator(db: Db, id: string): Promise<Operator | undefined> {
  const [row] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
  return row;
}

/** A fresh one-time setup code while no operator exists (replacing an earlier one), else undefined. */
export async function issueSetupCode(db: Db): Promise<string | undefined> {
  if ((await countOperators(db)) > 0) return undefined;
  const { secret, hash } = newSecret();
  await db
    .insert(setupCodes)
    .values({ id: 1, codeHash: hash })
    .onConflictDoUpdate({ target: setupCodes.id, set: { codeHash: hash, createdAt: new Date() } });
  return secret;
}

export async function checkSetupCode(db: Db, code: string): Promise<boolean> {
  if (!code || code.length > 100) return false;
  const [row] = await db.select().from(setupCodes).where(eq(setupCodes.id, 1)).limit(1);
  return row !== undefined && row.codeHash === sha256(code);
}

function validateCredentials(input: {
  username: string;
  password: string;
}): Result<{ username: string; password: string }> {
  const fields: Record<string, FieldError> = {};
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) fields.username = issueError(username.error.issues[0]!);
  const password = passwordSchema.safeParse(input.password);
  if (!password.success) fields.password = issueError(password.error.issues[0]!);
  if (!username.success || !password.success) return fail("invalid", "account.fieldsInvalid", { fields });
  return ok({ username: username.data, password: password.data });
}

/**
 * Claims a fresh instance with the setup code: creates the provider (unless the CLI already did) and
 * the first admin account, and spends the code. Without the code nothing happens.
 */
export async function completeSetup(
  db: Db,
  input: { code: string; username: string; password: string; handle?: string; name?: string },
): Promise<Result<Operator>> {
  if (!(await checkSetupCode(db, input.code)) || (await countOperators(db)) > 0)
    return fail("forbidden", "setup.linkInvalid");
  const credentials = validateCredentials(input);
  const fields: Record<string, FieldError> = credentials.ok ? {} : { ...credentials.error.fields };
  const existing = await findProvider(db);
  if (!existing) {
    const check = await setupProviderCheck(input);
    Object.assign(fields, check);
  }
  if (!credentials.ok || Object.keys(fields).length > 0) return fail("invalid", "account.fieldsInvalid", { fields });
  const passwordHash = await hashPassword(credentials.value.password);
  const created = await db.transaction(async (tx) => {
    // Spending the code in the transaction makes two racing submissions create one account.
    const spent = await tx
      .delete(setupCodes)
      .where(eq(setupCodes.codeHash, sha256(input.code)))
      .returning({ id: setupCodes.id });
    if (spent.length === 0) return undefined;
    if (!existing) {
      const provider = await setupProvider(tx, { handle: input.handle ?? "", name: input.name ?? "" });
      if (!provider.ok) throw new Error(`provider setup failed: ${provider.error.reason}`);
    }
    const [row] = await tx
      .insert(operators)
      .values({ username: credentials.value.username, passwordHash, role: "admin" })
      .returning();
    return row!;
  });
  return created ? ok(created) : fail("forbidden", "setup.linkInvalid");
}

async function setupProviderCheck(input: { handle?: string; name?: string }): Promise<Record<string, FieldError>> {
  const { handleSchema, providerNameSchema } = await import("../profile/profile.schema.ts");
  const fields: Record<string, FieldError> = {};
  if (!handleSchema.safeParse(input.handle ?? "").success) fields.handle = fieldError("handle_format");
  if (!providerNameSchema.safeParse(input.name ?? "").success) fields.name = fieldError("required");
  return fields;
}

export async function createOperator(
  db: Db,
  input: { username: string; password: string; role: Role },
): Promise<Result<Operator>> {
  const credentials = validateCredentials(input);
  if (!credentials.ok) return credentials;
  const [taken] = await db
    .select({ id: operators.id })
    .from(operators)
    .where(eq(operators.username, credentials.value.username))
    .limit(1);
  if (taken) return fail("conflict", "account.usernameTaken", { fields: { username: fieldError("taken") } });
  const passwordHash = await hashPassword(credentials.value.password);
  const [row] = await db
    .insert(operators)
    .values({ username: credentials.value.username, passwordHash, role: input.role })
    .onConflictDoNothing()
    .returning();
  return row ? ok(row) : fail("conflict", "account.usernameTaken", { fields: { username: fieldError("taken") } });
}

/**
 * Checks a sign-in. Failures are counted per account and per address; past the limit, nothing is
 * checked. The failure is recorded before the password is checked, in the same step as the count, and
 * taken back on success: parallel guesses cannot all pass the count before any is recorded.
 */
export async function authenticate(
  db: Db,
  input: { username: string; password: string; code?: string; address: string },
): Promise<Result<Operator>> {
  const username = input.username.trim().toLowerCase().slice(0, 100);
  const account = accountKey(username);
  const attempt = await takeAttempt(db, [
    { key: account, limit: LOGIN_LIMITS.account },
    { key: addressKey(input.address), limit: LOGIN_LIMITS.address },
  ]);
  if (!attempt) return fail("rate_limited", "signIn.rateLimited");
  const [operator] = await db.select().from(operators).where(eq(operators.username, username)).limit(1);
  const passwordOk = await verifyPassword(operator?.passwordHash ?? (await decoyHash()), input.password.slice(0, 1000));
  if (!operator || !passwordOk) return fail("unauthorized", "signIn.wrong");
  if (operator.totpSecret) {
    const step = input.code ? matchTotp(operator.totpSecret, input.code) : undefined;
    // A code is spent by the sign-in that uses it: the step is recorded only if it is later than the
    // last one used, so the same code (or an older one) never signs in twice, not even side by side.
    const spent =
      step === undefined
        ? []
        : await db
            .update(operators)
            .set({ totpLastStep: step })
            .where(
              and(eq(operators.id, operator.id), or(isNull(operators.totpLastStep), lt(operators.totpLastStep, step))),
            )
            .returning({ id: operators.id });
    if (spent.length === 0) return fail("unauthorized", "signIn.totpWrong", { fields: { code: fieldError("totp") } });
  }
  await releaseAttempt(db, attempt);
  await clearFailures(db, [account]);
  return ok(operator);
}

export async function changePassword(
  db: Db,
  operatorId: string,
  current: string,
  next: string,
): Promise<Result<Operator>> {
  const operator = await findOperator(db, operatorId);
  if (!operator) return fail("not_found", "operator.notFound");
  if (!(await verifyPassword(operator.passwordHash, current)))
    return fail("invalid", "password.currentWrong", { fields: { current: fieldError("wrong_password") } });
  const parsed = passwordSchema.safeParse(next);
  if (!parsed.success)
    return fail("invalid", "password.invalid", { fields: { password: issueError(parsed.error.issues[0]!) } });
  const [row] = await db
    .update(operators)
    .set({ passwordHash: await hashPassword(parsed.data) })
    .where(eq(operators.id, operatorId))
    .returning();
  return ok(row!);
}

async function adminCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(operators).where(eq(operators.role, "admin"));
  return Number(row?.n ?? 0);
}

/** Changes a role; the last admin stays an admin, so the instance is never left without one. */
export async function setRole(db: Db, operatorId: string, role: Role): Promise<Result<Operator>> {
  const operator = await findOperator(db, operatorId);
  if (!operator) return fail("not_found", "operator.notFound");
  if (operator.role === "admin" && role !== "admin" && (await adminCount(db)) <= 1)
    return fail("conflict", "operator.lastAdminDemoted", { fields: { role: fieldError("last_admin") } });
  const [row] = await db.update(operators).set({ role }).where(eq(operators.id, operatorId)).returning();
  return ok(row!);
}

export async function removeOperator(db: Db, operatorId: string): Promise<Result<{ id: string }>> {
  const operator = await findOperator(db, operatorId);
  if (!operator) return fail("not_found", "operator.notFound");
  if (operator.role === "admin" && (await adminCount(db)) <= 1)
    return fail("conflict", "operator.lastAdminRemoved", { fields: { role: fieldError("last_admin") } });
  await db.delete(operators).where(eq(operators.id, operatorId));
  return ok({ id: operatorId });
}

/** Turns the second factor on once the operator proves their app has the secret. */
export async function enableTotp(db: Db, operatorId: string, secret: string, code: string): Promise<Result<Operator>> {
  const step = matchTotp(secret, code);
  if (step === undefined) return fail("invalid", "totp.mismatch", { fields: { code: fieldError("totp") } });
  const [row] = await db
    .update(operators)
    .set({ totpSecret: secret, totpLastStep: step })
    .where(eq(operators.id, operatorId))
    .returning();
  return row ? ok(row) : fail("not_found", "operator.notFound");
}

export async function disableTotp(db: Db, operatorId: string, password: string): Promise<Result<Operator>> {
  const operator = await findOperator(db, operatorId);
  if (!operator) return fail("not_found", "operator.notFound");
  if (!(await verifyPassword(operator.passwordHash, password)))
    return fail("invalid", "password.wrong", { fields: { current: fieldError("wrong_password") } });
  const [row] = await db
    .update(operators)
    .set({ totpSecret: null, totpLastStep: null })
    .where(eq(operators.id, operatorId))
    .returning();
  return ok(row!);
}
