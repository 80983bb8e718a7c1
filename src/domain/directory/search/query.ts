// The directory query: every input bounded (lengths, counts, page size) so no query string can make
// the database work hard. Shared by the JSON API, the HTML page and the find-a-host form.
import { z } from "zod";
import { priceModels, serviceKinds, valueTags } from "../../profile/taxonomy.ts";
import { fail, fieldError, fieldErrors, ok, type Result } from "../../validation.ts";

export const MAX_QUERY_STRING = 2048;
export const MAX_PAGE_SIZE = 50;

const list = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, { message: `at most ${max} values` }))
    .transform((v) => [...new Set(v)] as z.infer<T>[]);

const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, { message: "expected a language tag such as en or pt-BR" });
const place = z.string().trim().max(120, { message: "at most 120 characters" });
const flag = z.enum(["true", "false", "1", "0", "on", ""]).transform((v) => v === "true" || v === "1" || v === "on");

export const directoryQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(200, { message: "at most 200 characters" })
      .refine((q) => q.split(/\s+/).length <= 12, {
        message: "at most 12 words",
        params: { code: "tooManyWords", max: 12 },
      })
      .optional(),
    kind: list(z.enum(serviceKinds), 10).optional(),
    value: list(z.enum(valueTags), 20).optional(),
    country: list(
      z
        .string()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { message: "expected two-letter country codes" }),
      10,
    ).optional(),
    region: place.optional(),
    jurisdiction: place.optional(),
    language: list(languageTag, 10).optional(),
    price: list(z.enum(priceModels), priceModels.length).optional(),
    open: flag.optional(),
    network: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{20}$/, { message: "expected a network's key (20 hexadecimal digits)" })
      .describe("members of this network only (its key; one of the networks this instance is in)")
      .optional(),
    minStorageGb: z.coerce.number({ message: "expected a number" }).min(0).max(1e9).optional(),
    minAccounts: z.coerce.number({ message: "expected a number" }).int().min(0).max(1e9).optional(),
    page: z.coerce.number({ message: "expected a page number" }).int().min(1).max(500).default(1),
    pageSize: z.coerce.number({ message: "expected a number" }).int().min(1).max(MAX_PAGE_SIZE).default(20),
  })
  .strict();

export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** Parses a URL query (repeated keys allowed), refusing anything oversized or unknown. */
export function parseDirectoryQuery(
  search: string | URLSearchParams,
  options: { ignore?: readonly string[] } = {},
): Result<DirectoryQuery> {
  const raw = typeof search === "string" ? search : search.toString();
  if (raw.length > MAX_QUERY_STRING)
    return fail("invalid", "directory.queryTooLong", {
      vars: { max: MAX_QUERY_STRING },
      fields: { query: fieldError("tooLong", { max: MAX_QUERY_STRING }) },
    });
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const input: Record<string, string | string[]> = {};
  let count = 0;
  for (const [key, value] of params) {
    if (++count > 60)
      return fail("invalid", "directory.tooManyParameters", {
        vars: { max: 60 },
        fields: { query: fieldError("tooMany", { max: 60 }) },
      });
    if (options.ignore?.includes(key)) continue;
    const prev = input[key];
    input[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  // Empty form fields mean "no filter".
  for (const [key, value] of Object.entries(input)) if (value === "") delete input[key];
  const parsed = directoryQuerySchema.safeParse(input);
  return parsed.success
    ? ok(parsed.data)
    : fail("invalid", "directory.queryInvalid", { fields: fieldErrors(parsed.error) });
}
