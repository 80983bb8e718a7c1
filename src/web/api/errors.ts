// The API's errors: see ../errors.ts, which holds the shape and the translation of failures.
import type { Context } from "hono";
import type { Failure } from "../../domain/validation.ts";
import { apiError, apiFailure } from "../errors.ts";

export { apiError };

export function failureResponse(c: Context, failure: Failure) {
  return apiFailure(c, failure);
}
