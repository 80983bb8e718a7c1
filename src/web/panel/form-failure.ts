// A domain failure shown on a panel form: next to the fields it names, else as the form's one error.
import type { Failure } from "../../domain/validation.ts";
import { fieldTexts } from "../../i18n/failures.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { failureText } from "../errors.ts";
import type { Errors } from "../views/panel/forms.ts";

/** This instance's keys for documents and proposals, as the domain makes them (`newKey`). */
export const DOC_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** A domain failure as the form's errors: by field where it names fields (`tags.2` is the tags field), else one. */
export function formFailure(t: Translate, failure: Failure, fallbackField = "_form"): Errors {
  if (failure.fields) {
    const errors: Record<string, string> = {};
    for (const [path, text] of Object.entries(fieldTexts(t, failure.fields))) errors[path.split(".")[0]!] ??= text;
    return errors;
  }
  return { [failure.reason === "docs.group_unknown" ? "group" : fallbackField]: failureText(t, failure) };
}
