// Replicas of provider profiles, stored normalised: one provider row, one row per service.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { directoryProviders, directoryServices } from "../../db/schema/index.ts";
import type { Profile } from "../profile/profile.schema.ts";
import { searchText, searchVectorSql } from "./search/index.ts";

/** A stored replica; its profile is what this repository wrote: a Profile the domain had validated. */
export type Replica = Omit<typeof directoryProviders.$inferSelect, "profile"> & { profile: Profile };

export type ReplicaInput = {
  actorUri: string;
  handle: string | null;
  name: string;
  url: string | null;
  iconUrl?: string | null;
  following?: string | null;
  profile: Profile;
  local?: boolean;
  depth?: number;
  learnedFrom?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  closingAt?: Date | null;
  closingSuccessor?: string | null;
  movedTo?: string | null;
};

/** Replaces a provider's replica with the profile it published, in one transaction. */
export async function applyReplica(db: Db, input: ReplicaInput): Promise<void> {
  const { profile } = input;
  const text = searchText(input.name, profile);
  const now = new Date();
  const values = {
    handle: input.handle,
    name: input.name,
    url: input.url,
    iconUrl: input.iconUrl ?? null,
    followingUrl: input.following ?? null,
    summary: profile.summary,
    statement: profile.values.statement,
    languages: profile.languages,
    valueTags: profile.values.tags,
    country: profile.place.country ?? null,
    region: profile.place.region ?? null,
    jurisdiction: profile.place.jurisdiction ?? null,
    spareStorageGb: profile.capacity?.storageGb ?? null,
    spareAccounts: profile.capacity?.accounts ?? null,
    closingAt: input.closingAt ?? null,
    closingSuccessor: input.closingSuccessor ?? null,
    movedTo: input.movedTo ?? null,
    etag: input.etag ?? null,
    lastModified: input.lastModified ?? null,
    profile,
    searchVector: searchVectorSql(text, profile.languages),
    searchWords: text.words,
    fetchedAt: now,
    lastSeenAt: now,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(directoryProviders)
      .values({
        actorUri: input.actorUri,
        local: input.local ?? false,
        depth: input.depth ?? 1,
        learnedFrom: input.learnedFrom ?? null,
        ...values,
      } as never)
      .onConflictDoUpdate({
        target: directoryProviders.actorUri,
        // A provider learned through a peer that later becomes a peer itself keeps the shorter path.
        set: { ...values, depth: sql`least(${directoryProviders.depth}, ${input.depth ?? 1})` } as never,
      });
    await tx.delete(directoryServices).where(eq(directoryServices.actorUri, input.actorUri));
    if (profile.services.length > 0) {
      await tx.insert(directoryServices).values(
        profile.services.map((s, position) => ({
          actorUri: input.actorUri,
          position,
          kind: s.kind,
          name: s.name ?? null,
          software: s.software ?? null,
          description: s.description ?? null,
          url: s.url ?? null,
          priceModel: s.price.model,
          priceAmount: s.price.amount ?? null,
          priceCurrency: s.price.currency ?? null,
          pricePeriod: s.price.period ?? null,
          availability: s.availability,
          supportLanguages: s.supportLanguages,
        })),
      );
    }
  });
}

/** The provider's instance answered "not modified": it is alive, nothing else changes. */
export async function markSeen(db: Db, actorUri: string): Promise<void> {
  await db.update(directoryProviders).set({ lastSeenAt: new Date() }).where(eq(directoryProviders.actorUri, actorUri));
}

export async function removeReplica(db: Db, actorUri: string): Promise<boolean> {
  const rows = await db
    .delete(directoryProviders)
    .where(and(eq(directoryProviders.actorUri, actorUri), eq(directoryProviders.local, false)))
    .returning({ actorUri: directoryProviders.actorUri });
  return rows.length > 0;
}

export async function findReplica(db: Db, actorUri: string): Promise<Replica | undefined> {
  const [row] = await db.select().from(directoryProviders).where(eq(directoryProviders.actorUri, actorUri));
  return row && { ...row, profile: row.profile as Profile };
}

/** What a refresh cycle needs of each remote replica: where it is and how to ask conditionally. */
export async function listRemoteReplicas(
  db: Db,
): Promise<Pick<Replica, "actorUri" | "etag" | "lastModified" | "depth" | "followingUrl">[]> {
  return db
    .select({
      actorUri: directoryProviders.actorUri,
      etag: directoryProviders.etag,
      lastModified: directoryProviders.lastModified,
      depth: directoryProviders.depth,
      followingUrl: directoryProviders.followingUrl,
    })
    .from(directoryProviders)
    .where(eq(directoryProviders.local, false))
    .orderBy(directoryProviders.actorUri);
}
