// The followers collection pages by a timestamp cursor (the instant of the last follower on the
// page before). A cursor that is not such an instant, or one out of the database's range, is the
// client's mistake: 400 with the reason, not a failed query.
import type { MiddlewareHandler } from "hono";
import { apiError } from "../api/errors.ts";

const INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function followersCursor(): MiddlewareHandler {
  return async (c, next) => {
    const cursor = c.req.query("cursor");
    if (cursor === undefined || cursor === "") return next();
    const year = Number(INSTANT.exec(cursor)?.[1]);
    if (!year || year < 1970 || Number.isNaN(new Date(cursor).getTime()))
      return apiError(
        c,
        400,
        "invalid",
        "The cursor must be an instant such as 2026-01-31T12:00:00.000Z, from 1970 on.",
      );
    return next();
  };
}
