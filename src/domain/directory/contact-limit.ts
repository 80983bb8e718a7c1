// How many contact forms one address may send per hour. Counted in the database, so the limit
// holds across restarts and between server processes; entries are dropped once they are an hour old.
import { and, count, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { lockKey } from "../../db/locks.ts";
import { contactAttempts } from "../../db/schema/index.ts";

export const CONTACTS_PER_ADDRESS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

/** Counts a contact form from `address`, unless the address has used up its hour: then false. */
export async function takeContactSlot(db: Db, address: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - HOUR_MS);
  return db.transaction(async (tx) => {
    // Side by side, two forms from one address must not both pass the count.
    await lockKey(tx, `contact:${address}`);
    const [row] = await tx
      .select({ n: count() })
      .from(contactAttempts)
      .where(and(eq(contactAttempts.address, address), gte(contactAttempts.at, since)));
    if (Number(row?.n ?? 0) >= CONTACTS_PER_ADDRESS_PER_HOUR) return false;
    await tx.insert(contactAttempts).values({ address, at: now });
    await tx.delete(contactAttempts).where(lt(contactAttempts.at, since));
    return true;
  });
}
