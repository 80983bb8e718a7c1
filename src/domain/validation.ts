import type { z } from "zod";

/** An expected failure, carried as a value to the edge, where it becomes a 4xx. */
export type Failure = {
  readonly code: "invalid" | "not_found" | "conflict" | "unauthorized" | "forbidden" | "too_large" | "rate_limited";
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: Failure["code"], message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Every bad field of a zod error, by dotted path ("services.0.price.amount"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}
