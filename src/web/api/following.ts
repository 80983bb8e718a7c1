// /api/v1/following: the accounts the provider follows. Following goes through federation's
// follow-remote module, which records the request; the outbox sends the Follow.
import { listFollowing } from "../../domain/following/following.ts";
import { followRemote, unfollowRemote } from "../../federation/follow-remote.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { followedSchema, followingListSchema, followRequestSchema, unfollowQuery } from "./schemas.ts";
import { followedJson } from "./serialize.ts";

export function followingRoutes({ services, federation }: WebDeps): RouteSpec[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/following",
      operationId: "listFollowing",
      tag: "Following",
      summary: "Accounts the provider follows, with the state of each follow",
      responses: { 200: { description: "Every followed account, newest first.", schema: followingListSchema } },
      async handle(c) {
        const rows = await listFollowing(services.database.db);
        return c.json({ items: rows.map(followedJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/following",
      operationId: "follow",
      tag: "Following",
      summary: "Follow an account by handle or actor URL",
      description:
        "Looks the account up, records the follow as pending and sends a `Follow`; the peer's `Accept` makes it accepted.",
      body: followRequestSchema,
      responses: {
        202: { description: "The follow was requested and waits for the peer's answer.", schema: followedSchema },
        200: { description: "The account was already followed.", schema: followedSchema },
      },
      errors: [404],
      async handle(c, { body }) {
        const result = await followRemote(federation, services, body.target);
        if (result.ok) return c.json(followedJson(result.value), result.value.state === "pending" ? 202 : 200);
        // A target that cannot be resolved is a problem with the request body, not a missing endpoint.
        if (result.error.fields) return apiFailure(c, { ...result.error, code: "invalid" }, 422);
        return failureResponse(c, result.error);
      },
    }),
    defineRoute({
      method: "delete",
      path: "/v1/following",
      operationId: "unfollow",
      tag: "Following",
      summary: "Stop following an account",
      description: "Sends an `Undo` of the follow to the peer.",
      query: unfollowQuery,
      responses: { 204: { description: "No longer followed." } },
      errors: [404],
      async handle(c, { query }) {
        const result = await unfollowRemote(services, query.actor);
        return result.ok ? c.body(null, 204) : failureResponse(c, result.error);
      },
    }),
  ];
}
