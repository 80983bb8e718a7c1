// Invitations: an admin creates a single-use link that expires; whoever opens it in time picks a username and password.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { operatorInvites } from "../../db/schema/index.ts";
import { fail, type Result } from "../validation.ts";
import { createOperator, type Role } from "./accounts.ts";
import type { Operator } from "./sessions.ts";
import { newSecret, sha256 } from "./tokens.ts";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export type Invite = typeof operatorInvites.$inferSelect;

export async function createInvite(
  db: Db,
  input: { role: Role; createdBy: string | null; ttlMs?: number },
): Promise<{ secret: string; invite: Invite }> {
  const { secret, hash } = newSecret();
  const [invite] = await db
    .insert(operatorInvites)
    .values({
      tokenHash: hash,
      role: input.role,
      createdBy: input.createdBy,
      expiresAt: new Date(Date.now() + (input.ttlMs ?? INVITE_TTL_MS)),
    })
    .returning();
  return { secret, invite: invite! };
}

/** The invite for a link's secret if it is unused and not expired. */
export async function findValidInvite(db: Db, secret: string): Promise<Invite | undefined> {
  if (!secret || secret.length > 100) return undefined;
  const [row] = await db
    .select()
    .from(operatorInvites)
    .where(
      and(
        eq(operatorInvites.tokenHash, sha256(secret)),
        isNull(operatorInvites.usedAt),
        gt(operatorInvites.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row;
}

export async function acceptInvite(
  db: Db,
  secret: string,
  input: { username: string; password: string },
): Promise<Result<Operator>> {
  const invite = await findValidInvite(db, secret);
  if (!invite) return fail("forbidden", "invite.invalid");
  const created = await createOperator(db, { ...input, role: invite.role });
  if (!created.ok) return created;
  // Spent only if still unused: of two racing acceptances the second account is removed again.
  const spent = await db
    .update(operatorInvites)
    .set({ usedAt: new Date() })
    .where(and(eq(operatorInvites.id, invite.id), isNull(operatorInvites.usedAt)))
    .returning({ id: operatorInvites.id });
  if (spent.length === 0) {
    const { removeOperator } = await import("./accounts.ts");
    await removeOperator(db, created.value.id);
    return fail("forbidden", "invite.invalid");
  }
  return created;
}

export async function listOpenInvites(db: Db): Promise<Invite[]> {
  return db
    .select()
    .from(operatorInvites)
    .where(and(isNull(operatorInvites.usedAt), gt(operatorInvites.expiresAt, new Date())))
    .orderBy(desc(operatorInvites.createdAt));
}

export async function revokeInvite(db: Db, id: string): Promise<boolean> {
  return (
    (await db.delete(operatorInvites).where(eq(operatorInvites.id, id)).returning({ id: operatorInvites.id })).length >
    0
  );
}
