import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure } from "../../domain/validation.ts";

const statusOf: Record<Failure["code"], ContentfulStatusCode> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
};

/** The one error shape of the JSON API: { "error": { "code", "message", "fields"? } }. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

export function failureResponse(c: Context, failure: Failure) {
  return apiError(
    c,
    statusOf[failure.code],
    failure.code,
    failure.message,
    failure.fields ? { ...failure.fields } : undefined,
  );
}
