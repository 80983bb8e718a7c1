// /api/v1/followers and /api/v1/interactions: who follows the provider and what they sent.
import { pageInteractions } from "../../domain/announcements/interactions.ts";
import { countFollowers, pageFollowers } from "../../domain/followers/followers.ts";
import { decodeCursor, type Cursor } from "../../domain/pagination.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { apiError } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { followerPageSchema, interactionPageQuery, interactionPageSchema, pageQuery } from "./schemas.ts";
import { followerJson, interactionJson } from "./serialize.ts";

type CursorCheck = { ok: true; before?: Cursor } | { ok: false; response: Response };

export function audienceRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const cursor = (c: Parameters<typeof apiError>[0], before: string | undefined, t: Translate): CursorCheck => {
    if (before === undefined) return { ok: true };
    const decoded = decodeCursor(before);
    if (decoded) return { ok: true, before: decoded };
    return {
      ok: false,
      response: apiError(c, 422, "invalid", t("api.error.invalidQuery"), { before: t("api.error.badCursor") }),
    };
  };

  return [
    defineRoute({
      method: "get",
      path: "/v1/followers",
      operationId: "listFollowers",
      tag: "Audience",
      summary: "Accounts following the provider, newest first",
      query: pageQuery,
      responses: { 200: { description: "A page of followers and their total.", schema: followerPageSchema } },
      async handle(c, { query, t }) {
        const check = cursor(c, query.before, t);
        if (!check.ok) return check.response;
        const [page, total] = await Promise.all([
          pageFollowers(db, { limit: query.limit, ...(check.before ? { before: check.before } : {}) }),
          countFollowers(db),
        ]);
        return c.json({ items: page.items.map(followerJson), next: page.next, total });
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/interactions",
      operationId: "listInteractions",
      tag: "Audience",
      summary: "Replies, mentions, likes and boosts received, newest first",
      query: interactionPageQuery,
      responses: { 200: { description: "A page of interactions.", schema: interactionPageSchema } },
      async handle(c, { query, t }) {
        const check = cursor(c, query.before, t);
        if (!check.ok) return check.response;
        const page = await pageInteractions(db, {
          limit: query.limit,
          ...(check.before ? { before: check.before } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        });
        return c.json({ items: page.items.map(interactionJson), next: page.next });
      },
    }),
  ];
}
