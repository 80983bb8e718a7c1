// The trust check on every inbox POST (federation/trust/inbound.ts), answered in the API's error
// shape: a refused request never reaches Fedify.
import type { MiddlewareHandler } from "hono";
import type { InboxAnswer } from "../../federation/networks/inbox-answer.ts";
import { handleAidActivity } from "../../federation/aid/inbox.ts";
import { handleWatchReport } from "../../federation/aid/watch-inbox.ts";
import { handleDocsActivity } from "../../federation/docs/inbox.ts";
import { handleEmergencyActivity } from "../../federation/emergencies/inbox.ts";
import { handleNetworkActivity } from "../../federation/networks/inbox.ts";
import { networksRuntime } from "../../federation/networks/runtime.ts";
import { handleMemberNotice } from "../../federation/shutdown/member-notice.ts";
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
    const network = await networkActivity(deps, inbound.json);
    if (network)
      return network.status === 202 ? c.body(null, 202) : apiError(c, network.status, network.code, network.reason);
    await next();
    const remote = c.res.status === 500 ? remoteFailureOf(inbound.request) : undefined;
    if (remote) c.res = apiError(c, 422, "unfetchable", remote);
  };
}

/**
 * Network activities go to the networks inbox, and offered changes to documents and their answers to the
 * documents', emergencies and mutual aid to theirs (Fedify does not know them); an unexpected error is a 503 to retry.
 */
async function networkActivity(
  deps: WebDeps,
  json: Record<string, unknown>,
): Promise<InboxAnswer | undefined | { status: 503; code: string; reason: string }> {
  try {
    const rt = networksRuntime(deps.services, deps.federation, deps.localActors);
    return (
      (await handleNetworkActivity(rt, json)) ??
      (await handleDocsActivity(rt, json)) ??
      (await handleEmergencyActivity(rt, json)) ??
      (await handleAidActivity(rt, json)) ??
      (await handleMemberNotice(rt, json)) ??
      (await handleWatchReport(rt, json))
    );
  } catch (err) {
    deps.services.logger.warn({ err }, "network activity failed");
    return {
      status: 503,
      code: "unavailable",
      reason: "The network activity could not be handled now; try again later.",
    };
  }
}
