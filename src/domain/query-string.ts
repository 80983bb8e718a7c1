// A URL query read within bounds, before any schema sees it: the whole string's length and the number
// of parameters are capped, repeated keys become lists, and an empty field means "no filter". Shared by
// the searches (directory, library) so that no query string can make the database work hard.
import { z } from "zod";
import { fail, fieldError, ok, type Result } from "./validation.ts";

export const MAX_QUERY_PARAMETERS = 60;

/** A list parameter: repeated keys or comma-separated values, trimmed, empty ones dropped, deduplicated. */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
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

/** The words searched for: short enough that no query makes the text search work hard. */
export const searchWords = z
  .string()
  .trim()
  .max(200, { message: "at most 200 characters" })
  .refine((q) => q.split(/\s+/).length <= 12, {
    message: "at most 12 words",
    params: { code: "tooManyWords", max: 12 },
  });

/** The failure reasons of the area reading the query. */
export type QueryReasons = { readonly tooLong: string; readonly tooMany: string };

/** The query's parameters, or a failure when it is longer than `maxLength` or has too many parameters. */
export function readQueryString(
  search: string | URLSearchParams,
  options: { maxLength: number; reasons: QueryReasons; ignore?: readonly string[] },
): Result<Record<string, string | string[]>> {
  const raw = typeof search === "string" ? search : search.toString();
  if (raw.length > options.maxLength)
    return fail("invalid", options.reasons.tooLong, {
      vars: { max: options.maxLength },
      fields: { query: fieldError("tooLong", { max: options.maxLength }) },
    });
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const input: Record<string, string | string[]> = {};
  let count = 0;
  for (const [key, value] of params) {
    if (++count > MAX_QUERY_PARAMETERS)
      return fail("invalid", options.reasons.tooMany, {
        vars: { max: MAX_QUERY_PARAMETERS },
        fields: { query: fieldError("tooMany", { max: MAX_QUERY_PARAMETERS }) },
      });
    if (value === "" || options.ignore?.includes(key)) continue;
    const prev = input[key];
    input[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return ok(input);
}
