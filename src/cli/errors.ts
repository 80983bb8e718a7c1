// Failures on the command line: the domain's codes in words from the catalogue (ADR 0011). The CLI
// speaks English, like its help; its messages come from locales/en/errors.json all the same.
import type { Failure } from "../domain/validation.ts";
import { failureText, fieldTexts } from "../i18n/failures.ts";
import { DEFAULT_LOCALE, translator, type Translate } from "../i18n/i18n.ts";

/** The lines that say a failure: its message, then one indented line per field. */
export function failureLines(failure: Failure, t: Translate = translator(DEFAULT_LOCALE)): string[] {
  return [
    failureText(t, failure),
    ...Object.entries(fieldTexts(t, failure.fields)).map(([name, text]) => `  ${name}: ${text}`),
  ];
}
