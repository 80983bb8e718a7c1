// Service filters hold for one and the same service, and a profile's country has one form.
import { describe, expect, it } from "vitest";
import { DirectoryIndex } from "../../src/domain/directory/search/search-index.ts";
import { directoryQuerySchema, type IndexRow } from "../../src/domain/directory/search/index.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";

const row = (slug: string, services: IndexRow["services"]): IndexRow => ({
  actorUri: `https://${slug}.example/`,
  name: slug,
  local: false,
  country: "FR",
  region: null,
  jurisdiction: "EU",
  valueTags: [],
  spareStorageGb: null,
  spareAccounts: null,
  fetched: 0,
  lastSeen: 0,
  services,
  words: slug,
  vector: `'${slug}':1A`,
});

describe("directory filters", () => {
  const index = new DirectoryIndex();
  // Email with support in English, chat with support in French: no email in French here.
  index.put(
    row("split", [
      ["email", "donation", "open", ["en"]],
      ["matrix", "sliding-scale", "waitlist", ["fr"]],
    ]),
  );
  index.put(row("whole", [["email", "sliding-scale", "open", ["fr"]]]));
  const found = (query: Record<string, unknown>) =>
    index
      .search(directoryQuerySchema.parse(query), undefined, 0, 10)
      .page.map((p) => p.actorUri)
      .sort();

  it("ties the language to the service asked for", () => {
    expect(found({ kind: "email", language: "fr" })).toEqual(["https://whole.example/"]);
    expect(found({ kind: "matrix", language: "fr" })).toEqual(["https://split.example/"]);
    expect(found({ kind: "email", language: "en" })).toEqual(["https://split.example/"]);
    expect(found({ language: "fr" })).toEqual(["https://split.example/", "https://whole.example/"]);
  });

  it("ties price and availability to the service asked for", () => {
    expect(found({ kind: "email", price: "sliding-scale" })).toEqual(["https://whole.example/"]);
    expect(found({ kind: "matrix", open: "true" })).toEqual([]);
    expect(found({ language: "fr", open: "true" })).toEqual(["https://whole.example/"]);
  });
});

describe("a profile's country", () => {
  const country = (value: unknown) => profileSchema.safeParse({ place: { country: value } });
  it("is a two-letter code in capitals, nothing else", () => {
    expect(country("FR").success).toBe(true);
    expect(country("BR").success).toBe(true);
    for (const value of ["fr", "France", "FRA", "F", "", " FR", "FR ", "F1", "ÉS", "<b>", 33])
      expect(country(value).success, String(value)).toBe(false);
  });
});
