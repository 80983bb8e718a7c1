import { describe, expect, it } from "vitest";
import { parseLibraryQuery, snippetOf, tsqueryText } from "../../src/domain/docs/library-query.ts";

describe("library query", () => {
  it("joins required terms, any of their alternatives, and every lexeme of an alternative", () => {
    expect(
      tsqueryText([
        { word: "backups", alternatives: [["backup"], ["backups"]], optional: false },
        { word: "the", alternatives: [["the"]], optional: true },
        { word: "e-mail", alternatives: [["e", "mail"]], optional: false },
      ]),
    ).toBe("('backup' | 'backups') & (('e' & 'mail'))");
    // A query of stop words alone needs one of them.
    expect(
      tsqueryText([
        { word: "the", alternatives: [["the"]], optional: true },
        { word: "de", alternatives: [["de"]], optional: true },
      ]),
    ).toBe("('the') | ('de')");
    expect(tsqueryText([])).toBeUndefined();
  });

  it("quotes lexemes so that none is read as an operator", () => {
    expect(tsqueryText([{ word: "x", alternatives: [["o'neil\\"]], optional: false }])).toBe("('o''neil\\\\')");
  });

  it("shows the passage around the first match and the words that matched", () => {
    const body = `${"word ".repeat(40)}Nos hébergements mutualisés accueillent des sites. ${"fin ".repeat(40)}`;
    const s = snippetOf(body, ["heberg"], 10);
    expect(s.matched).toEqual(["hébergements"]);
    expect(s.text.startsWith("… ")).toBe(true);
    expect(s.text.endsWith(" …")).toBe(true);
    expect(s.text).toContain("hébergements mutualisés");
    expect(snippetOf("Nothing here at all", ["heberg"], 3)).toEqual({ text: "Nothing here at …", matched: [] });
  });

  it("bounds and validates every parameter", () => {
    const ok = parseLibraryQuery("q=backup&tag=Ops,backups&lang=pt-BR&author=https%3A%2F%2Fa.example%2Factors%2Fp");
    expect(ok).toMatchObject({
      ok: true,
      value: { q: "backup", tag: ["ops", "backups"], lang: ["pt-br"], author: ["https://a.example/actors/p"] },
    });
    expect(parseLibraryQuery("group=https%3A%2F%2Fa.example%2Fgroups%2Fg").ok).toBe(true);
    for (const bad of ["group=nope", `q=${"a ".repeat(13)}`, "page=0", `tag=${"x".repeat(41)}`, "kind=email"])
      expect(parseLibraryQuery(bad).ok, bad).toBe(false);
    expect(parseLibraryQuery(`q=${"a".repeat(3000)}`)).toMatchObject({
      ok: false,
      error: { reason: "library.queryTooLong" },
    });
  });
});
