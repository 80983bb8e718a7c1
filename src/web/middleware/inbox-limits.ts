// Inbox requests are read only up to a size limit: a larger body is refused with 413 before it is
// read whole, and a body that is not JSON, or not an activity with a type and an actor, is refused
// with 400 before any signature work.
import type { MiddlewareHandler } from "hono";
import { activityShapeProblems } from "../../federation/activity-shape.ts";
import { apiError } from "../api/errors.ts";
import { readLimited } from "../../http/read-limited.ts";

export function inboxLimits(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const body = await readLimited(c.req.raw, maxBytes);
    if (body === "too_large") return apiError(c, 413, "too_large", `The body is larger than ${maxBytes} bytes.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      return apiError(c, 400, "invalid", "The body is not valid JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return apiError(c, 400, "invalid", "The body must be a JSON-LD object.");
    }
    const problems = activityShapeProblems(parsed);
    if (problems) {
      return apiError(
        c,
        400,
        "invalid",
        `The body is not a usable activity: ${Object.values(problems).join("; ")}.`,
        problems,
      );
    }
    // Hand the already-read body on to Fedify.
    c.req.raw = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body });
    return next();
  };
}
