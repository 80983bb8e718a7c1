// The successor's side: requests from closing providers to take over from them, and its consent.
// Accepting lists the closing provider's actor in this provider's `alsoKnownAs`, which is what lets
// the closing provider's followers be moved here.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { successionRequests } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import { findProvider, updateProviderRow } from "../provider/provider.repository.ts";
import { fail, ok, type Result } from "../validation.ts";

export type SuccessionRequest = typeof successionRequests.$inferSelect;

export type IncomingSuccession = {
  offerId: string;
  predecessorUri: string;
  predecessorInbox: string;
  predecessorHandle: string | null;
  predecessorName: string | null;
  effective: Date;
  message: string;
};

/** Stores a request once (by the Offer's id); false when it was already held. */
export async function receiveSuccessionRequest(db: Db, request: IncomingSuccession): Promise<boolean> {
  const rows = await db
    .insert(successionRequests)
    .values({ key: crypto.randomUUID(), ...request, message: request.message.slice(0, 10_000) })
    .onConflictDoNothing()
    .returning({ key: successionRequests.key });
  return rows.length > 0;
}

export async function listSuccessions(db: Db): Promise<SuccessionRequest[]> {
  return db.select().from(successionRequests).orderBy(desc(successionRequests.receivedAt)).limit(100);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findSuccession(db: Db, key: string): Promise<SuccessionRequest | undefined> {
  if (!uuidPattern.test(key)) return undefined;
  const [row] = await db.select().from(successionRequests).where(eq(successionRequests.key, key)).limit(1);
  return row;
}

/** The successor's consent, given once; accepting adds the predecessor to this actor's `alsoKnownAs`. */
export async function answerSuccession(
  db: Db,
  key: string,
  accept: boolean,
  now: Date,
): Promise<Result<SuccessionRequest>> {
  const found = await findSuccession(db, key);
  if (!found) return fail("not_found", "succession.notFound");
  if (found.state !== "pending") return fail("conflict", "succession.answered");
  const row = await db.transaction(async (tx) => {
    const [answered] = await tx
      .update(successionRequests)
      .set({ state: accept ? "accepted" : "rejected", answeredAt: now })
      .where(and(eq(successionRequests.key, key), eq(successionRequests.state, "pending")))
      .returning();
    if (!answered) return undefined;
    if (accept) {
      const provider = await findProvider(tx);
      const aliases = provider?.alsoKnownAs ?? [];
      if (!aliases.includes(answered.predecessorUri)) {
        await updateProviderRow(tx, { alsoKnownAs: [...aliases, answered.predecessorUri] });
        await recordEvent(tx, { commonhost: "profile.updated" });
      }
    }
    await recordEvent(tx, { commonhost: "succession.answered", key });
    return answered;
  });
  return row ? ok(row) : fail("conflict", "succession.answered");
}

/** The predecessor withdrew its notice: the request lapses, and an alias given for it is taken back. */
export async function withdrawSuccession(db: Db, offerId: string, predecessorUri: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(successionRequests)
      .where(and(eq(successionRequests.offerId, offerId), eq(successionRequests.predecessorUri, predecessorUri)));
    if (!row || row.state === "withdrawn") return false;
    await tx.update(successionRequests).set({ state: "withdrawn" }).where(eq(successionRequests.key, row.key));
    const provider = await findProvider(tx);
    if (row.state === "accepted" && provider?.alsoKnownAs?.includes(predecessorUri)) {
      await updateProviderRow(tx, { alsoKnownAs: provider.alsoKnownAs.filter((a) => a !== predecessorUri) });
      await recordEvent(tx, { commonhost: "profile.updated" });
    }
    return true;
  });
}
