// A domain failure in words: its reason and field codes looked up in locales/<lang>/errors.json.
// Every edge (web pages, API, panel, CLI) says failures through these, never with text of its own.
import type { Failure, FieldError } from "../domain/validation.ts";
import type { Translate } from "./i18n.ts";

const known = (t: Translate, key: string, vars?: Record<string, string | number>) => {
  const text = t(key, vars);
  return text === key ? undefined : text;
};

/** The failure's message: its reason's translation, else the generic one of its code. */
export function failureText(t: Translate, failure: Failure): string {
  return (
    known(t, `errors.${failure.reason}`, failure.vars) ??
    known(t, `errors.code.${failure.code}`) ??
    t("errors.code.invalid")
  );
}

/** One field's error in words ("At most 100 characters."). */
export function fieldText(t: Translate, error: FieldError): string {
  return known(t, `errors.field.${error.code}`, error.vars) ?? t("errors.field.invalid");
}

/** Every field's error in words, by field name. */
export function fieldTexts(t: Translate, fields: Failure["fields"]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([name, error]) => [name, fieldText(t, error)]));
}

/** "kind: Choose one of the options.; q: At most 12 words." — the fields of a failure on one line. */
export function failureSummary(t: Translate, failure: Failure): string {
  const fields = Object.entries(fieldTexts(t, failure.fields));
  return fields.length ? fields.map(([name, text]) => `${name}: ${text}`).join("; ") : failureText(t, failure);
}
