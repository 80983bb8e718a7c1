// Bearer-token authentication of the operator API (RFC 6750).
import type { Context } from "hono";
import type { Db } from "../../db/client.ts";
import { verifyToken, type ApiToken } from "../../domain/tokens/tokens.service.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { apiError } from "./errors.ts";

const REALM = 'Bearer realm="commonhost"';

/** The token record, or the 401 response to send. A missing, unknown or revoked token writes nothing. */
export async function authenticate(c: Context, db: Db, t: Translate): Promise<{ token: ApiToken } | { response: Response }> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match) {
    c.header("WWW-Authenticate", REALM);
    return { response: apiError(c, 401, "unauthorized", t("api.error.tokenMissing")) };
  }
  const token = await verifyToken(db, match[1]!);
  if (!token) {
    c.header("WWW-Authenticate", `${REALM}, error="invalid_token"`);
    return { response: apiError(c, 401, "unauthorized", t("api.error.tokenInvalid")) };
  }
  return { token };
}
