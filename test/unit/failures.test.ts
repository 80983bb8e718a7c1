// Failures are codes in the domain and words only at the edges: every code the code base can fail
// with is said in every language, and zod's issues become codes, never zod's English.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { failureLines } from "../../src/cli/errors.ts";
import { directoryQuerySchema } from "../../src/domain/directory/search/index.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { fieldErrors, type Failure } from "../../src/domain/validation.ts";
import { readLocale, translator } from "../../src/i18n/i18n.ts";
import { failureText, fieldTexts } from "../../src/i18n/failures.ts";

const root = join(import.meta.dirname, "..", "..");
const languages = ["en", "fr", "es", "de", "pt"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const code = sources(join(root, "src")).map((path) => readFileSync(path, "utf8"));
const reasons = [
  ...new Set(code.flatMap((text) => [...text.matchAll(/\bfail\(\s*"[a-z_]+",\s*"([^"]+)"/g)].map((m) => m[1]!))),
];
const fieldCodes = [
  ...new Set(code.flatMap((text) => [...text.matchAll(/\bfieldError\(\s*"([^"]+)"/g)].map((m) => m[1]!))),
];

describe("the failure catalogue", () => {
  it("finds the failures of the code base", () => {
    // A floor, so that a change to how failures are written cannot empty the lists below.
    expect(reasons.length).toBeGreaterThan(40);
    expect(fieldCodes.length).toBeGreaterThan(20);
    expect(reasons).toContain("directory.tooCostly");
    expect(fieldCodes).toContain("tooLong");
  });

  it.each(languages)("says every failure's reason and field code in %s", (lang) => {
    const messages = readLocale(lang);
    const missing = [
      ...reasons.filter((r) => !(`errors.${r}` in messages) && !(`errors.${r}_other` in messages)),
      ...fieldCodes.filter((c) => !(`errors.field.${c}` in messages)).map((c) => `field.${c}`),
    ];
    expect(missing).toEqual([]);
  });
});

describe("zod issues as field codes", () => {
  it("gives a code and its variables, not zod's text", () => {
    const parsed = directoryQuerySchema.safeParse({ kind: "bogus", q: "x".repeat(201), page: "0", extra: "1" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error)).toEqual({
      "(root)": { code: "unknown", vars: { keys: "extra" } },
      "kind.0": { code: "choice" },
      q: { code: "tooLong", vars: { max: 200 } },
      page: { code: "tooSmall", vars: { min: 1 } },
    });
  });

  it("takes a refinement's own code", () => {
    const parsed = profileSchema.safeParse({
      services: [{ kind: "email", price: { model: "fixed" }, availability: "open" }],
      languages: ["en", "en"],
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const fields = fieldErrors(parsed.error);
    expect(fields["services.0.price.amount"]).toEqual({ code: "priceAmount" });
    expect(fields["services.0.price.currency"]).toEqual({ code: "priceCurrency" });
    expect(fields.languages).toEqual({ code: "unique" });
  });

  it("calls a missing value required and a wrong type by what was expected", () => {
    const parsed = z.object({ name: z.string(), age: z.number() }).safeParse({ age: "x" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrors(parsed.error)).toEqual({ name: { code: "required" }, age: { code: "number" } });
  });
});

describe("a failure in words", () => {
  const failure: Failure = {
    code: "invalid",
    reason: "directory.queryTooLong",
    vars: { max: 2048 },
    fields: { q: { code: "tooLong", vars: { max: 200 } } },
  };

  it("is said in the reader's language, with its variables", () => {
    expect(failureText(translator("fr"), failure)).toBe("La requête est trop longue (2048 caractères au plus).");
    expect(fieldTexts(translator("de"), failure.fields)).toEqual({ q: "Höchstens 200 Zeichen." });
  });

  it("falls back to its code's words when its reason is not in the catalogue", () => {
    expect(failureText(translator("es"), { code: "not_found", reason: "nothing.likeThis" })).toBe(
      "Aquí no hay nada así.",
    );
  });

  it("is said on the command line from the catalogue, field by field", () => {
    expect(failureLines(failure)).toEqual([
      "The query is too long (at most 2048 characters).",
      "  q: At most 200 characters.",
    ]);
    expect(failureLines(failure, translator("pt"))[0]).toBe("A consulta é longa demais (no máximo 2048 caracteres).");
  });
});

describe("a schema whose message is a code", () => {
  it("gives that code", () => {
    const parsed = z.string().min(12, { message: "password_short" }).safeParse("short");
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error)).toEqual({ "(root)": { code: "password_short" } });
  });
});
