// A provider's public offers and requests of mutual aid as the directory shows them: only what the
// provider itself published to everyone, still open, and bounded in number. A network-only proposal
// never reaches the directory, whatever a collection claims.
import type { AidProposal } from "../aid/proposals.ts";
import { isOpen } from "../aid/proposals.ts";

/** At most this many proposals are kept per provider. */
export const MAX_DIRECTORY_OFFERS = 50;

export type DirectoryOffer = {
  readonly id: string;
  readonly purpose: AidProposal["purpose"];
  readonly resource: AidProposal["resource"];
  readonly quantity: AidProposal["quantity"];
  readonly from: string;
  readonly until: string | null;
  readonly region: string | null;
};

export type OfferCounts = { readonly offers: number; readonly requests: number };

/**
 * What the directory keeps of a provider's listed proposals: public ones by the provider itself, with
 * an id on the provider's own host, open at `now`, each once, at most MAX_DIRECTORY_OFFERS.
 */
export function publicOffersOf(actorUri: string, listed: readonly AidProposal[], now: Date): DirectoryOffer[] {
  const host = new URL(actorUri).host;
  const seen = new Set<string>();
  const kept: DirectoryOffer[] = [];
  for (const p of listed) {
    if (p.audience !== "public" || p.author !== actorUri || !isOpen(p, now.getTime())) continue;
    if (new URL(p.id).host !== host || seen.has(p.id)) continue;
    seen.add(p.id);
    kept.push({
      id: p.id,
      purpose: p.purpose,
      resource: p.resource,
      quantity: p.quantity,
      from: p.from,
      until: p.until ?? null,
      region: p.region ?? null,
    });
    if (kept.length >= MAX_DIRECTORY_OFFERS) break;
  }
  return kept;
}

/** How many offers and requests a list holds. */
export const countOffers = (offers: readonly Pick<DirectoryOffer, "purpose">[]): OfferCounts => ({
  offers: offers.filter((o) => o.purpose === "offer").length,
  requests: offers.filter((o) => o.purpose === "request").length,
});
