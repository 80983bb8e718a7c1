// Bearer-token authentication of the operator API (RFC 6750), with a limit on failures per address.
import type { Context } from "hono";
import type { Db } from "../../db/client.ts";
import {
  API_AUTH_LIMIT,
  apiAddressKey,
  limitState,
  recordFailure,
  underLimit,
} from "../../domain/accounts/rate-limit.ts";
import { verifyToken, type ApiToken } from "../../domain/tokens/tokens.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { apiError } from "./errors.ts";

const REALM = 'Bearer realm="commonhost"';

/**
 * The token record, or the 401 or 429 response to send. A missing, unknown or revoked token writes
 * nothing but a failure for the address; once the address has API_AUTH_LIMIT of them within the
 * window, every request from it gets 429, a right token too, so that guessing cannot go on. The
 * limit is checked inside the token's own statement: a request with a valid token costs nothing more.
 */
export async function authenticate(
  c: Context,
  db: Db,
  t: Translate,
  address: string,
): Promise<{ token: ApiToken } | { response: Response }> {
  const key = apiAddressKey(address);
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  const token = match ? await verifyToken(db, match[1]!, underLimit(key, API_AUTH_LIMIT)) : undefined;
  if (token) return { token };
  const state = await limitState(db, key, API_AUTH_LIMIT);
  if (state.limited) {
    c.header("Retry-After", String(state.retryAfterSeconds));
    return {
      response: apiError(c, 429, "rate_limited", t("api.error.tooManyFailures", { seconds: state.retryAfterSeconds })),
    };
  }
  await recordFailure(db, [key]);
  if (!match) {
    c.header("WWW-Authenticate", REALM);
    return { response: apiError(c, 401, "unauthorized", t("api.error.tokenMissing")) };
  }
  c.header("WWW-Authenticate", `${REALM}, error="invalid_token"`);
  return { response: apiError(c, 401, "unauthorized", t("api.error.tokenInvalid")) };
}
