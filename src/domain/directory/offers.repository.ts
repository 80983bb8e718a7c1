// The public offers and requests of the directory's providers: replaced whole at each refresh, read
// back still open (one that has run out since is not shown, even before the next refresh).
import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { directoryProposals, directoryProviders } from "../../db/schema/index.ts";
import type { Resource } from "../aid/proposals.ts";
import type { DirectoryOffer, OfferCounts } from "./offers.ts";

/** Replaces a provider's offers, and where they are listed, in one transaction. */
export async function replaceOffers(
  db: Db,
  actorUri: string,
  listUrl: string | null,
  offers: readonly DirectoryOffer[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(directoryProposals).where(eq(directoryProposals.actorUri, actorUri));
    if (offers.length > 0)
      await tx.insert(directoryProposals).values(
        offers.map((o, position) => ({
          actorUri,
          id: o.id,
          position,
          purpose: o.purpose,
          resource: o.resource,
          quantityValue: o.quantity.value,
          quantityUnit: o.quantity.unit,
          fromAt: new Date(o.from),
          untilAt: o.until ? new Date(o.until) : null,
          region: o.region,
        })),
      );
    const [held] = await tx
      .select({ url: directoryProviders.proposalsUrl })
      .from(directoryProviders)
      .where(eq(directoryProviders.actorUri, actorUri));
    // Written only when it changes: every write of a provider raises the directory's version.
    if (held && held.url !== listUrl)
      await tx
        .update(directoryProviders)
        .set({ proposalsUrl: listUrl })
        .where(eq(directoryProviders.actorUri, actorUri));
  });
}

const openAt = (now: Date) => or(isNull(directoryProposals.untilAt), gt(directoryProposals.untilAt, now));

/** A provider's offers still open at `now`, in the order it listed them. */
export async function listOffers(db: Db, actorUri: string, now: Date): Promise<DirectoryOffer[]> {
  const rows = await db
    .select()
    .from(directoryProposals)
    .where(and(eq(directoryProposals.actorUri, actorUri), openAt(now)))
    .orderBy(asc(directoryProposals.position));
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    resource: r.resource as Resource,
    quantity: { value: r.quantityValue, unit: r.quantityUnit },
    from: r.fromAt.toISOString(),
    until: r.untilAt?.toISOString() ?? null,
    region: r.region,
  }));
}

/** The open offers and requests of each of the given providers (absent: none). */
export async function countOpenOffers(
  db: Db,
  actorUris: readonly string[],
  now: Date,
): Promise<Map<string, OfferCounts>> {
  const counts = new Map<string, { offers: number; requests: number }>();
  if (actorUris.length === 0) return counts;
  const rows = await db
    .select({ actorUri: directoryProposals.actorUri, purpose: directoryProposals.purpose })
    .from(directoryProposals)
    .where(and(inArray(directoryProposals.actorUri, [...actorUris]), openAt(now)));
  for (const r of rows) {
    const c = counts.get(r.actorUri) ?? { offers: 0, requests: 0 };
    if (r.purpose === "offer") c.offers++;
    else c.requests++;
    counts.set(r.actorUri, c);
  }
  return counts;
}
