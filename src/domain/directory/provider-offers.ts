// The public offers and requests the directory shows for a provider: for a replica, those read from its
// collection at the last refresh; for this instance's own provider, its own public ones as held.
import type { Db } from "../../db/client.ts";
import { listOpenProposals } from "../aid/aid.repository.ts";
import { countOpenOffers, listOffers } from "./offers.repository.ts";
import { countOffers, type DirectoryOffer, type OfferCounts, publicOffersOf } from "./offers.ts";

async function ownOffers(db: Db, actorUri: string, now: Date): Promise<DirectoryOffer[]> {
  const rows = await listOpenProposals(db, {}, now);
  return publicOffersOf(
    actorUri,
    rows.filter((r) => r.local).map((r) => r.proposal),
    now,
  );
}

export const providerOffers = (
  db: Db,
  provider: { actorUri: string; local: boolean },
  now: Date,
): Promise<DirectoryOffer[]> =>
  provider.local ? ownOffers(db, provider.actorUri, now) : listOffers(db, provider.actorUri, now);

/** The open offers and requests of each provider shown (absent: none). */
export async function providersOfferCounts(
  db: Db,
  providers: readonly { actorUri: string; local: boolean }[],
  now: Date,
): Promise<Map<string, OfferCounts>> {
  const counts = await countOpenOffers(
    db,
    providers.filter((p) => !p.local).map((p) => p.actorUri),
    now,
  );
  const own = providers.find((p) => p.local);
  if (own) counts.set(own.actorUri, countOffers(await ownOffers(db, own.actorUri, now)));
  return counts;
}
