import { describe, expect, it } from "vitest";
import { httpUrlOrNull } from "../../src/domain/html.ts";

describe("URLs from elsewhere that may become links", () => {
  it("keeps absolute http and https URLs, normalised", () => {
    expect(httpUrlOrNull("https://example.org/@alice")).toBe("https://example.org/@alice");
    expect(httpUrlOrNull("http://example.org")).toBe("http://example.org/");
    expect(httpUrlOrNull("HTTPS://EXAMPLE.org/a b")).toBe("https://example.org/a%20b");
  });

  it("drops every other scheme, however it is written", () => {
    for (const value of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "ftp://example.org/",
      "//example.org/",
      "/relative",
      "not a url",
      "",
    ])
      expect(httpUrlOrNull(value), value).toBeNull();
  });

  it("drops what is not a string, and what is too long", () => {
    expect(httpUrlOrNull(undefined)).toBeNull();
    expect(httpUrlOrNull(null)).toBeNull();
    expect(httpUrlOrNull(42)).toBeNull();
    expect(httpUrlOrNull(new URL("https://example.org/"))).toBeNull();
    expect(httpUrlOrNull(`https://example.org/${"a".repeat(2028)}`)).toBe(`https://example.org/${"a".repeat(2028)}`);
    expect(httpUrlOrNull(`https://example.org/${"a".repeat(2029)}`)).toBeNull();
  });
});
