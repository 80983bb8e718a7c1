// What the panel's forms share between pages that call domain functions directly: a date field read
// as the instant it starts, and a refusal turned into field errors to show next to the fields.
import type { Failure } from "../../domain/validation.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { failureText, fieldTexts } from "../errors.ts";

/** A date field (YYYY-MM-DD) as the instant it starts, in UTC; anything else as typed, for the domain to refuse. */
export const instantOf = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/** What a refusal says about each field, or, when it names none, its reason on the `fallback` field. */
export function errorsOf(t: Translate, failure: Failure, fallback: string): Record<string, string> {
  const fields = fieldTexts(t, failure.fields);
  return Object.keys(fields).length ? fields : { [fallback]: failureText(t, failure) };
}
