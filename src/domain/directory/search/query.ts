// The directory query: every input bounded (lengths, counts, page size) so no query string can make
// the database work hard. Shared by the JSON API, the HTML page and the find-a-host form.
import { z } from "zod";
import { priceModels, serviceKinds, valueTags } from "../../profile/taxonomy.ts";
import { queryList, readQueryString, searchWords } from "../../query-string.ts";
import { fail, fieldErrors, ok, type Result } from "../../validation.ts";

export const MAX_QUERY_STRING = 2048;
export const MAX_PAGE_SIZE = 50;

const list = queryList;

const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, { message: "expected a language tag such as en or pt-BR" });
const place = z.string().trim().max(120, { message: "at most 120 characters" });
const flag = z.enum(["true", "false", "1", "0", "on", ""]).transform((v) => v === "true" || v === "1" || v === "on");

export const directoryQuerySchema = z
  .object({
    q: searchWords.optional(),
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
  const read = readQueryString(search, {
    maxLength: MAX_QUERY_STRING,
    reasons: { tooLong: "directory.queryTooLong", tooMany: "directory.tooManyParameters" },
    ...(options.ignore ? { ignore: options.ignore } : {}),
  });
  if (!read.ok) return read;
  const input = read.value;
  const parsed = directoryQuerySchema.safeParse(input);
  return parsed.success
    ? ok(parsed.data)
    : fail("invalid", "directory.queryInvalid", { fields: fieldErrors(parsed.error) });
}
