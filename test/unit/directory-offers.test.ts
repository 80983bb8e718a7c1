// What the directory keeps of a provider's listed proposals: its own, public, open ones, each once, bounded.
import { describe, expect, it } from "vitest";
import type { AidProposal } from "../../src/domain/aid/proposals.ts";
import { countOffers, MAX_DIRECTORY_OFFERS, publicOffersOf } from "../../src/domain/directory/offers.ts";

const actor = "https://a.example/actors/alpha";
const now = new Date("2030-01-01T00:00:00.000Z");
const proposal = (overrides: Partial<AidProposal> = {}): AidProposal => ({
  id: "https://a.example/aid/proposals/1",
  author: actor,
  published: "2029-12-01T00:00:00.000Z",
  purpose: "offer",
  resource: "storage",
  quantity: { value: 100, unit: "GB" },
  from: "2029-12-01T00:00:00.000Z",
  audience: "public",
  ...overrides,
});

describe("publicOffersOf", () => {
  it("keeps the provider's own open public proposals", () => {
    const kept = publicOffersOf(actor, [proposal({ region: "EU", until: "2030-02-01T00:00:00.000Z" })], now);
    expect(kept).toEqual([
      {
        id: "https://a.example/aid/proposals/1",
        purpose: "offer",
        resource: "storage",
        quantity: { value: 100, unit: "GB" },
        from: "2029-12-01T00:00:00.000Z",
        until: "2030-02-01T00:00:00.000Z",
        region: "EU",
      },
    ]);
  });

  it("drops network-only, foreign, expired and repeated proposals", () => {
    const kept = publicOffersOf(
      actor,
      [
        proposal({ id: "https://a.example/aid/proposals/n", audience: "network" }),
        proposal({ id: "https://a.example/aid/proposals/o", author: "https://b.example/actors/beta" }),
        proposal({ id: "https://b.example/aid/proposals/h" }),
        proposal({ id: "https://a.example/aid/proposals/e", until: "2029-12-31T23:59:59.000Z" }),
        proposal({ id: "https://a.example/aid/proposals/r", purpose: "request" }),
        proposal({ id: "https://a.example/aid/proposals/r", purpose: "request" }),
      ],
      now,
    );
    expect(kept.map((o) => o.id)).toEqual(["https://a.example/aid/proposals/r"]);
    expect(countOffers(kept)).toEqual({ offers: 0, requests: 1 });
  });

  it("keeps at most MAX_DIRECTORY_OFFERS", () => {
    const many = Array.from({ length: MAX_DIRECTORY_OFFERS + 10 }, (_, i) =>
      proposal({ id: `https://a.example/aid/proposals/${i}` }),
    );
    expect(publicOffersOf(actor, many, now)).toHaveLength(MAX_DIRECTORY_OFFERS);
  });
});
