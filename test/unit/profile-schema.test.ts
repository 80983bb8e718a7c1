import { describe, expect, it } from "vitest";
import {
  emptyProfile,
  evidenceDueSoon,
  lapsedEvidence,
  priceSchema,
  profileSchema,
} from "../../src/domain/profile/profile.schema.ts";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("profile schema", () => {
  it("a fixed price needs an amount and a currency", () => {
    expect(issues(priceSchema.safeParse({ model: "fixed" }))).toEqual([
      "amount: a fixed price needs an amount",
      "currency: a fixed price needs a currency",
    ]);
    expect(issues(priceSchema.safeParse({ model: "fixed", amount: 5 }))).toEqual([
      "currency: a fixed price needs a currency",
    ]);
    expect(priceSchema.safeParse({ model: "fixed", amount: 5, currency: "EUR", period: "month" }).success).toBe(true);
    expect(priceSchema.safeParse({ model: "free" }).success).toBe(true);
    expect(issues(priceSchema.safeParse({ model: "fixed", amount: -1, currency: "eur" })).length).toBe(2);
  });

  it("refuses duplicates in lists", () => {
    const result = profileSchema.safeParse({
      languages: ["en", "en"],
      values: { tags: ["cooperative", "cooperative"] },
    });
    expect(issues(result)).toEqual(["languages: entries must be unique", "values.tags: entries must be unique"]);
  });

  it("wants dates as YYYY-MM-DD", () => {
    expect(issues(profileSchema.safeParse({ capacity: { statedAt: "21/11/2026" } }))).toEqual([
      "capacity.statedAt: expected a date as YYYY-MM-DD",
    ]);
    expect(
      issues(profileSchema.safeParse({ evidence: [{ claim: "x", url: "https://e.org", reconfirmBy: "2026-02-30" }] })),
    ).toEqual(["evidence.0.reconfirmBy: expected a date as YYYY-MM-DD"]);
    expect(profileSchema.safeParse({ capacity: { statedAt: "2026-11-21" } }).success).toBe(true);
  });

  it("refuses unknown taxonomy terms and non-http URLs", () => {
    expect(profileSchema.safeParse({ values: { tags: ["evil-corp"] } }).success).toBe(false);
    expect(issues(profileSchema.safeParse({ website: "javascript:alert(1)" }))).toEqual([
      "website: expected an absolute URL",
    ]);
  });

  it("has a complete empty profile, and finds lapsed evidence", () => {
    const profile = profileSchema.parse({
      evidence: [
        { claim: "renewable", url: "https://e.org/a", reconfirmBy: "2026-01-01" },
        { claim: "b", url: "https://e.org/b", reconfirmBy: "2027-01-01" },
      ],
    });
    expect(lapsedEvidence(profile, "2026-11-21").map((e) => e.claim)).toEqual(["renewable"]);
    expect(emptyProfile()).toMatchObject({ summary: "", services: [], evidence: [] });
  });

  it("reminds of evidence that lapses within 30 days, soonest first, and not of lapsed or later ones", () => {
    const profile = profileSchema.parse({
      evidence: [
        { claim: "lapsed", url: "https://e.org/a", reconfirmBy: "2026-11-20" },
        { claim: "in a month", url: "https://e.org/b", reconfirmBy: "2026-12-21" },
        { claim: "today", url: "https://e.org/c", reconfirmBy: "2026-11-21" },
        { claim: "later", url: "https://e.org/d", reconfirmBy: "2026-12-22" },
      ],
    });
    expect(evidenceDueSoon(profile, "2026-11-21").map((e) => e.claim)).toEqual(["today", "in a month"]);
    expect(evidenceDueSoon(profile, "2026-11-21", 0).map((e) => e.claim)).toEqual(["today"]);
  });
});
