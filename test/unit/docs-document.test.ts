import { describe, expect, it } from "vitest";
import { canonicalLanguage, mayRead, parseDocument } from "../../src/domain/docs/document.ts";

const valid = {
  title: "  Running a mail server together ",
  summary: "How the members share one",
  body: "# Mail\r\n\r\nWe share **one** server.\r\n",
  lang: "en",
  tags: ["#Mail", "mail", " Cooperation ", "ops"],
  audience: "public",
};

const fieldsOf = (input: unknown) => {
  const result = parseDocument(input);
  if (result.ok) throw new Error("expected a refusal");
  return { code: result.error.code, reason: result.error.reason, fields: result.error.fields };
};

describe("a document's input", () => {
  it("is normalised: trimmed title, LF line ends, tags lower-case and unique, canonical language", () => {
    expect(parseDocument({ ...valid, lang: "pt-br" })).toEqual({
      ok: true,
      value: {
        content: {
          title: "Running a mail server together",
          summary: "How the members share one",
          body: "# Mail\n\nWe share **one** server.\n",
          lang: "pt-BR",
          tags: ["mail", "cooperation", "ops"],
        },
        audience: { kind: "public" },
      },
    });
  });

  it("refuses what is missing or too long, with a code per field", () => {
    expect(fieldsOf({ ...valid, title: "   ", summary: "s".repeat(501) })).toEqual({
      code: "invalid",
      reason: "docs.invalid",
      fields: { title: { code: "required" }, summary: { code: "tooLong", vars: { max: 500 } } },
    });
    expect(fieldsOf({ ...valid, title: "t".repeat(201) }).fields).toEqual({
      title: { code: "tooLong", vars: { max: 200 } },
    });
    expect(fieldsOf({ ...valid, body: " \n " }).fields).toEqual({ body: { code: "required" } });
  });

  it("measures the body in bytes: 200 KB of UTF-8", () => {
    // 70,000 three-byte characters are 210,000 bytes though only 70,000 characters.
    expect(fieldsOf({ ...valid, body: "€".repeat(70_000) }).fields).toEqual({
      body: { code: "tooLarge", vars: { max: 204_800 } },
    });
    expect(parseDocument({ ...valid, body: "a".repeat(204_800) }).ok).toBe(true);
    expect(parseDocument({ ...valid, body: "a".repeat(204_801) }).ok).toBe(false);
  });

  it("wants a BCP 47 language tag", () => {
    expect(fieldsOf({ ...valid, lang: "english" }).fields).toEqual({ lang: { code: "language" } });
    expect(fieldsOf({ ...valid, lang: "en_US" }).fields).toEqual({ lang: { code: "language" } });
    expect(canonicalLanguage("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(canonicalLanguage("x")).toBeNull();
  });

  it("counts tags after normalising them: at most 20, each a hashtag", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `tag${i}`);
    // Twenty-one written, twenty once "#Tag0" and "tag0" are one.
    expect(parseDocument({ ...valid, tags: [...twenty, "#TAG0"] }).ok).toBe(true);
    expect(fieldsOf({ ...valid, tags: [...twenty, "tag20"] }).fields).toEqual({
      tags: { code: "tooMany", vars: { max: 20 } },
    });
    expect(fieldsOf({ ...valid, tags: ["ok", "not a tag"] }).fields).toEqual({
      "tags.1": { code: "tag", vars: { max: 100 } },
    });
  });

  it("needs a group for a group audience and a network for a network audience, and neither for a public one", () => {
    expect(fieldsOf({ ...valid, audience: "group" }).fields).toEqual({ group: { code: "required" } });
    expect(fieldsOf({ ...valid, audience: "network" }).fields).toEqual({ network: { code: "required" } });
    expect(fieldsOf({ ...valid, network: "https://a.example/networks/k" }).fields).toEqual({
      network: { code: "audience" },
    });
    expect(fieldsOf({ ...valid, audience: "everyone" }).fields).toEqual({ audience: { code: "choice" } });
    const net = parseDocument({ ...valid, audience: "network", network: "https://a.example/networks/k" });
    expect(net.ok && net.value.audience).toEqual({ kind: "network", network: "https://a.example/networks/k" });
    const group = parseDocument({ ...valid, audience: "group", group: "https://a.example/groups/mail" });
    expect(group.ok && group.value.audience).toEqual({ kind: "group", group: "https://a.example/groups/mail" });
  });

  it("refuses unknown fields", () => {
    expect(fieldsOf({ ...valid, author: "me" }).fields).toEqual({
      "(root)": { code: "unknown", vars: { keys: "author" } },
    });
  });
});

describe("who may read", () => {
  const reader = {
    actor: "https://b.example/actor",
    networks: new Set(["https://a.example/networks/k"]),
    groups: new Set(["https://a.example/groups/mail"]),
  };
  const stranger = { actor: null, networks: new Set<string>(), groups: new Set<string>() };

  it("a public document: anyone; a network's or a group's: their members only", () => {
    expect(mayRead({ kind: "public" }, stranger)).toBe(true);
    expect(mayRead({ kind: "network", network: "https://a.example/networks/k" }, reader)).toBe(true);
    expect(mayRead({ kind: "network", network: "https://a.example/networks/k" }, stranger)).toBe(false);
    expect(mayRead({ kind: "network", network: "https://a.example/networks/other" }, reader)).toBe(false);
    expect(mayRead({ kind: "group", group: "https://a.example/groups/mail" }, reader)).toBe(true);
    expect(mayRead({ kind: "group", group: "https://a.example/groups/web" }, reader)).toBe(false);
  });
});
