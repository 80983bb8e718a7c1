import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { actorKeys, provider } from "../../db/schema/index.ts";
import type { Profile } from "../profile/profile.schema.ts";
import type { JwkPair } from "./keys.ts";

export type ProviderRecord = {
  handle: string;
  name: string;
  profile: Profile;
  /** Ids in `images` (see domain/images), absent or null when there is none. */
  iconImage?: string | null;
  headerImage?: string | null;
  /** Earlier actors of this provider, its successor once moved, and its standing notice of closing. */
  alsoKnownAs?: string[];
  movedTo?: string | null;
  closing?: { effective: string; successor: string } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type ProviderRow = typeof provider.$inferSelect;

/** The profile column holds what this repository wrote: a Profile the domain had parsed. */
const toRecord = (row: ProviderRow): ProviderRecord => ({ ...row, profile: row.profile as Profile });

export async function findProvider(db: Db): Promise<ProviderRecord | undefined> {
  const [row] = await db.select().from(provider).where(eq(provider.id, 1)).limit(1);
  return row && toRecord(row);
}

export async function insertProvider(
  db: Db,
  values: { handle: string; name: string; profile: Profile },
): Promise<ProviderRecord> {
  const [row] = await db
    .insert(provider)
    .values({ id: 1, ...values })
    .returning();
  return toRecord(row!);
}

export async function updateProviderRow(
  db: Db,
  values: Partial<{
    handle: string;
    name: string;
    profile: Profile;
    alsoKnownAs: string[];
    movedTo: string | null;
    closing: { effective: string; successor: string } | null;
  }>,
): Promise<ProviderRecord> {
  const [row] = await db
    .update(provider)
    .set({ ...values, version: sql`${provider.version} + 1`, updatedAt: new Date() })
    .where(eq(provider.id, 1))
    .returning();
  return toRecord(row!);
}

export async function findKeyPairs(db: Db): Promise<JwkPair[]> {
  return db
    .select({ algorithm: actorKeys.algorithm, publicJwk: actorKeys.publicJwk, privateJwk: actorKeys.privateJwk })
    .from(actorKeys);
}

export async function insertKeyPairs(db: Db, pairs: JwkPair[]): Promise<void> {
  await db.insert(actorKeys).values(pairs).onConflictDoNothing();
}

/** The provider's handle and version alone: a cheap read for caches that check they are current. */
export async function findProviderVersion(db: Db): Promise<{ handle: string; version: number } | undefined> {
  const [row] = await db
    .select({ handle: provider.handle, version: provider.version })
    .from(provider)
    .where(eq(provider.id, 1));
  return row;
}
