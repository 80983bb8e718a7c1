// Network membership as the directory sees it: which of the networks this instance is in list a
// provider as a member. The networks area keeps the records; the directory reads them through this
// port, marks members (directory_providers.member) and lets a search keep to one network's members.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { directoryProviders, networks } from "../../db/schema/index.ts";

/** Actor URI -> the keys of the networks that list it as a member (actors in none are left out). */
export type Memberships = ReadonlyMap<string, readonly string[]>;

/** A network this instance is a member of, as the directory names it. */
export type MemberNetwork = { readonly key: string; readonly name: string };

export type DirectoryMembership = {
  /** The networks this instance is a member of. */
  networks(): Promise<MemberNetwork[]>;
  /** Every member of those networks, with their keys; empty when this instance is in none. */
  memberships(): Promise<Memberships>;
};

/**
 * The membership the networks this instance is a member of record, as this instance last showed it:
 * the record's members are written with the events that announce their changes (networks/shown.ts).
 */
export function recordedMembership(db: Db): DirectoryMembership {
  // Only what the directory needs of each network: not its founding or charter documents.
  const held = () =>
    db
      .select({ key: networks.key, name: networks.name, shownMembers: networks.shownMembers })
      .from(networks)
      .where(eq(networks.status, "member"))
      .orderBy(networks.name, networks.key);
  return {
    networks: async () => (await held()).map((n) => ({ key: n.key, name: n.name })),
    async memberships() {
      const memberships = new Map<string, string[]>();
      for (const network of await held())
        for (const [actor, status] of Object.entries(network.shownMembers))
          if (status === "member") memberships.set(actor, [...(memberships.get(actor) ?? []), network.key]);
      return memberships;
    },
  };
}

/** A provider's mark: whether one of our networks lists it as a member; null while this instance is in none. */
export const memberMark = (memberships: Memberships, actorUri: string): boolean | null =>
  memberships.size === 0 ? null : memberships.has(actorUri);

/** The mark as SQL over directory_providers, for every row at once. */
function markSql(memberships: Memberships): SQL {
  return memberships.size === 0
    ? sql`null::boolean`
    : sql`(${inArray(directoryProviders.actorUri, [...memberships.keys()])})`;
}

/**
 * Sets these providers' marks from the records. Each row is written even when its mark stays: the
 * search index reads a written row again, and its networks with it (a member of one network that
 * joins a second keeps its mark but gains a network).
 */
export async function markMembers(db: Db, memberships: Memberships, actorUris: readonly string[]): Promise<void> {
  if (actorUris.length === 0) return;
  await db
    .update(directoryProviders)
    .set({ member: markSql(memberships) })
    .where(inArray(directoryProviders.actorUri, [...actorUris]));
}

/** Brings every provider's mark in line with the records, writing only the wrong ones; returns how many. */
export async function repairMemberMarks(db: Db, memberships: Memberships): Promise<number> {
  const mark = markSql(memberships);
  const rows = await db
    .update(directoryProviders)
    .set({ member: mark })
    .where(sql`${directoryProviders.member} is distinct from ${mark}`)
    .returning({ actorUri: directoryProviders.actorUri });
  return rows.length;
}
