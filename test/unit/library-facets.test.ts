import { describe, expect, it } from "vitest";
import { facetsOf } from "../../src/domain/docs/library.ts";

describe("library facets", () => {
  it("adds up languages and tags over groups of documents", () => {
    const facets = facetsOf([
      { lang: "en", tags: ["ops", "backups"], n: 3 },
      { lang: "en", tags: ["ops"], n: 2 },
      { lang: "fr", tags: [], n: 4 },
      { lang: "fr", tags: ["backups"], n: 1 },
    ]);
    expect(facets.lang).toEqual({ en: 5, fr: 5 });
    expect(facets.tag).toEqual({ ops: 5, backups: 4 });
  });

  it("keeps the 50 most used tags, ties by name", () => {
    const groups = Array.from({ length: 60 }, (_, i) => ({
      lang: "en",
      tags: [`t${String(i).padStart(2, "0")}`],
      n: i < 10 ? 100 - i : 1,
    }));
    const tags = Object.keys(facetsOf(groups).tag);
    expect(tags).toHaveLength(50);
    expect(tags.slice(0, 10)).toEqual(groups.slice(0, 10).map((g) => g.tags[0]));
    // Among the fifty tags used once, the first forty by name.
    expect(tags.slice(10)).toEqual(groups.slice(10, 50).map((g) => g.tags[0]));
  });

  it("counts a tag written twice on one document once", () => {
    expect(facetsOf([{ lang: "de", tags: ["ops", "ops"], n: 2 }]).tag).toEqual({ ops: 2 });
  });
});
