// "Find a host": what a movement group needs, ranked by fit. Must-have values are hard filters; all
// else adds to a score, and every result says what it matches and what it misses.
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { priceModels, serviceKinds, valueTags } from "../profile/taxonomy.ts";
import { fail, fieldErrors, ok, type Result } from "../validation.ts";
import { searchDirectory, type DirectoryResult, type Reason } from "./search/index.ts";

const list = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max))
    .transform((v) => [...new Set(v)] as z.infer<T>[])
    .default([]);
const optionalNumber = (max: number) =>
  z
    .union([z.literal(""), z.coerce.number({ message: "expected a number" }).min(0).max(max)])
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const fitInputSchema = z
  .object({
    need: list(z.enum(serviceKinds), 10),
    people: optionalNumber(1e6),
    storageGb: optionalNumber(1e7),
    language: list(z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/), 5),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, { message: "expected a two-letter country code" })
      .optional(),
    jurisdiction: z.string().trim().max(120).optional(),
    price: list(z.enum(priceModels), priceModels.length),
    must: list(z.enum(valueTags), valueTags.length),
    nice: list(z.enum(valueTags), valueTags.length),
  })
  .strict();

export type FitInput = z.infer<typeof fitInputSchema>;
export type FitResult = DirectoryResult & { fit: number };

const CANDIDATES = 200;

export function parseFitInput(params: URLSearchParams): Result<FitInput> {
  if (params.toString().length > 2048) return fail("invalid", "fit.tooLong", { vars: { max: 2048 } });
  const input: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (key === "lang") continue;
    const prev = input[key];
    input[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  const parsed = fitInputSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail("invalid", "fit.invalid", { fields: fieldErrors(parsed.error) });
}

/** Scores one provider against the group's needs; the reasons say why. */
export function scoreFit(input: FitInput, r: DirectoryResult): FitResult {
  const matches: Reason[] = [];
  const missing: Reason[] = [];
  let fit = 0;
  const relevant = r.services.filter((s) => input.need.length === 0 || input.need.includes(s.kind as never));
  for (const kind of input.need) {
    const offered = r.services.filter((s) => s.kind === kind);
    if (offered.length === 0) missing.push({ filter: "kind", value: kind });
    else {
      fit += 3;
      matches.push({ filter: "kind", value: kind });
      if (!offered.some((s) => s.availability === "open")) {
        fit -= 2;
        missing.push({ filter: "open", value: kind });
      }
    }
  }
  for (const lang of input.language) {
    if (relevant.some((s) => s.supportLanguages.includes(lang)) || (!relevant.length && r.languages.includes(lang))) {
      fit += 2;
      matches.push({ filter: "language", value: lang });
    } else missing.push({ filter: "language", value: lang });
  }
  if (input.price.length) {
    const affordable = relevant.find((s) => input.price.includes(s.priceModel as never));
    if (affordable) {
      fit += 2;
      matches.push({ filter: "price", value: affordable.priceModel });
    } else missing.push({ filter: "price", value: input.price.join(",") });
  }
  if (input.country) {
    if (r.country === input.country) {
      fit += 1.5;
      matches.push({ filter: "country", value: input.country });
    } else missing.push({ filter: "country", value: input.country });
  }
  if (input.jurisdiction) {
    if (r.jurisdiction?.toLowerCase().includes(input.jurisdiction.toLowerCase())) {
      fit += 1;
      matches.push({ filter: "jurisdiction", value: r.jurisdiction });
    } else missing.push({ filter: "jurisdiction", value: input.jurisdiction });
  }
  if (input.storageGb !== undefined) {
    if ((r.spareStorageGb ?? 0) >= input.storageGb) {
      fit += 1;
      matches.push({ filter: "minStorageGb", value: String(input.storageGb) });
    } else missing.push({ filter: "minStorageGb", value: String(input.storageGb) });
  }
  if (input.people !== undefined) {
    if ((r.spareAccounts ?? 0) >= input.people) {
      fit += 1;
      matches.push({ filter: "minAccounts", value: String(input.people) });
    } else missing.push({ filter: "minAccounts", value: String(input.people) });
  }
  for (const v of input.must) matches.push({ filter: "value", value: v });
  for (const v of input.nice) {
    if (r.valueTags.includes(v)) {
      fit += 1;
      matches.push({ filter: "value", value: v });
    } else missing.push({ filter: "value", value: v });
  }
  // A provider not heard from lately is a risky choice.
  if (r.stale) fit -= 2;
  return { ...r, fit, explanation: { matches, missing } };
}

/** Providers with every must-have value and at least one needed service, best fit first. */
export async function findHost(
  database: Database,
  input: FitInput,
  options: { staleAfterMs: number; limit?: number },
): Promise<{ total: number; results: FitResult[] }> {
  const candidates = await searchDirectory(
    database,
    {
      page: 1,
      pageSize: CANDIDATES,
      ...(input.must.length ? { value: input.must } : {}),
      ...(input.need.length ? { kind: input.need } : {}),
    },
    { staleAfterMs: options.staleAfterMs, limit: CANDIDATES },
  );
  const ranked = candidates.results
    .map((r) => scoreFit(input, r))
    .sort((x, y) => y.fit - x.fit || x.name.localeCompare(y.name) || x.actorUri.localeCompare(y.actorUri));
  return { total: candidates.total, results: ranked.slice(0, options.limit ?? 20) };
}
