// The trust check on every inbox POST (federation/trust/inbound.ts), answered in the API's error
// shape: a refused request never reaches Fedify.
import type { MiddlewareHandler } from "hono";
import { checkInbound, isInboxPath } from "../../federation/trust/inbound.ts";
import { remoteFailureOf } from "../../federation/trust/remote-failure.ts";
import { apiError } from "../api/errors.ts";
import type { WebDeps } from "../deps.ts";

export function inboxTrust(deps: WebDeps): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST" || !isInboxPath(new URL(c.req.url).pathname)) return next();
    const inbound = await checkInbound(deps.services, deps.federation, c.req.raw);
    if (!inbound.ok) {
      deps.services.logger.info({ path: c.req.path, code: inbound.code, reason: inbound.message }, "inbox refused");
      return apiError(c, inbound.status, inbound.code, inbound.message);
    }
    c.req.raw = inbound.request;
    await next();
    const remote = c.res.status === 500 ? remoteFailureOf(inbound.request) : undefined;
    if (remote) c.res = apiError(c, 422, "unfetchable", remote);
  };
}
