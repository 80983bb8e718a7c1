// The networks this instance knows, and its own place in each: the `networks` table.
import { eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { networks } from "../../db/schema/index.ts";
import type { NetworkDocument } from "../../db/schema/json.ts";
import type { NetworkStatus } from "./operations.ts";

export type NetworkRow = Omit<typeof networks.$inferSelect, "status"> & { readonly status: NetworkStatus };

export type NewNetwork = {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly status: NetworkStatus;
  readonly via?: string | null;
  readonly answers?: Record<string, string> | null;
  readonly charter?: NetworkDocument | null;
  readonly founding?: NetworkDocument | null;
};

const asRow = (row: typeof networks.$inferSelect): NetworkRow => row as NetworkRow;

/** A network by its id or its key. */
export async function findNetwork(db: Db, idOrKey: string): Promise<NetworkRow | undefined> {
  const [row] = await db
    .select()
    .from(networks)
    .where(or(eq(networks.id, idOrKey), eq(networks.key, idOrKey)))
    .limit(1);
  return row ? asRow(row) : undefined;
}

/** Every network this instance knows, oldest first. */
export async function listNetworks(db: Db): Promise<NetworkRow[]> {
  return (await db.select().from(networks).orderBy(networks.createdAt, networks.id)).map(asRow);
}

/** Adds a network; one already known (same id) is left as it is. Returns whether it was added. */
export async function insertNetwork(db: Db, network: NewNetwork): Promise<boolean> {
  const added = await db.insert(networks).values(network).onConflictDoNothing().returning({ id: networks.id });
  return added.length > 0;
}

export type NetworkPatch = Partial<
  Pick<NetworkRow, "name" | "status" | "via" | "answers" | "applicationSentAt" | "charter" | "founding" | "fork">
> & { readonly shownMembers?: Record<string, string> };

export async function updateNetwork(db: Db, id: string, patch: NetworkPatch): Promise<void> {
  await db
    .update(networks)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(networks.id, id));
}
