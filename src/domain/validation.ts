import type { z } from "zod";

/**
 * What kind of failure it is: the edge maps it to a status (422, 404…), and the JSON API shows it as
 * `error.code`, a stable value clients may test.
 */
export type FailureCode =
  | "invalid"
  | "not_found"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "too_large"
  | "rate_limited"
  | "too_complex";

/** The variables of a message, put into its translation ("at most {{max}} characters"). */
export type Vars = Readonly<Record<string, string | number>>;

/** What is wrong with one field: a stable code and its variables, e.g. { code: "tooLong", vars: { max: 100 } }. */
export type FieldError = { readonly code: string; readonly vars?: Vars };

/**
 * An expected failure, carried as a value to the edge, where it becomes a 4xx in the asker's language.
 * The domain holds no text: `reason` is a stable key translated from `locales/<lang>/errors.json`
 * (`errors.<reason>`), and each field error is a code translated as `errors.field.<code>`.
 */
export type Failure = {
  readonly code: FailureCode;
  readonly reason: string;
  readonly vars?: Vars;
  readonly fields?: Readonly<Record<string, FieldError>>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: FailureCode,
  reason: string,
  details: { vars?: Vars; fields?: Record<string, FieldError> } = {},
): Result<never> => ({
  ok: false,
  error: {
    code,
    reason,
    ...(details.vars ? { vars: details.vars } : {}),
    ...(details.fields ? { fields: details.fields } : {}),
  },
});

/** A field error of one code, for the cases a schema does not describe. */
export const fieldError = (code: string, vars?: Vars): FieldError => (vars ? { code, vars } : { code });

/** Every bad field of a zod error, by dotted path ("services.0.price.amount"), as codes, never zod's text. */
export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    fields[path] ??= issueError(issue);
  }
  return fields;
}

/**
 * The code of one zod issue. A refinement names its own code with `params: { code, ...vars }`; a
 * schema whose message is a code (`{ message: "username_format" }`) gives that code.
 */
export function issueError(issue: z.core.$ZodIssue): FieldError {
  if (issue.code !== "custom" && codeLike(issue.message)) return fieldError(issue.message);
  switch (issue.code) {
    case "invalid_type":
      // Issues carry no input unless asked to: zod's own message is the one sign of a missing value.
      if (issue.input === undefined && / received undefined$/.test(issue.message)) return fieldError("required");
      return fieldError(issue.expected === "number" || issue.expected === "int" ? "number" : "invalid");
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? fieldError("required") : fieldError("tooShort", { min });
      if (issue.origin === "array" || issue.origin === "set") return fieldError("tooFew", { min });
      return fieldError("tooSmall", { min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return fieldError("tooLong", { max });
      if (issue.origin === "array" || issue.origin === "set") return fieldError("tooMany", { max });
      return fieldError("tooBig", { max });
    }
    case "invalid_format":
      if (issue.format === "url" || issue.format === "date" || issue.format === "email")
        return fieldError(issue.format);
      return fieldError("format");
    case "invalid_value":
      return fieldError("choice");
    case "not_multiple_of":
      return fieldError("number");
    case "unrecognized_keys":
      return fieldError("unknown", { keys: issue.keys.join(", ") });
    case "custom": {
      const { code, ...vars } = (issue.params ?? {}) as Record<string, string | number>;
      if (typeof code === "string") return Object.keys(vars).length ? fieldError(code, vars) : fieldError(code);
      return fieldError(codeLike(issue.message) ? issue.message : "invalid");
    }
    default:
      return fieldError("invalid");
  }
}

/** A schema message written as a code ("username_format") rather than as text. */
const codeLike = (message: string) => /^[a-z][a-zA-Z_]*$/.test(message);
