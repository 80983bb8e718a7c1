// /api/v1/tokens: the operator API tokens (the same ones `commonhost token` manages).
import { createToken, listTokens, revokeToken } from "../../domain/tokens/tokens.ts";
import type { WebDeps } from "../deps.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { apiTokenCreatedSchema, idParams, tokenCreateSchema, tokenListSchema } from "./schemas.ts";
import { tokenJson } from "./serialize.ts";

export function tokenRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  return [
    defineRoute({
      method: "get",
      path: "/v1/tokens",
      operationId: "listTokens",
      tag: "Tokens",
      summary: "Every token, revoked ones included; never the secret",
      responses: { 200: { description: "The tokens, newest first.", schema: tokenListSchema } },
      async handle(c) {
        return c.json({ items: (await listTokens(db)).map(tokenJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/tokens",
      operationId: "createToken",
      tag: "Tokens",
      summary: "Create a token",
      description: "The response carries the secret `token`, shown only this once.",
      body: tokenCreateSchema,
      responses: { 201: { description: "The new token and its secret.", schema: apiTokenCreatedSchema } },
      async handle(c, { body }) {
        const result = await createToken(db, body.name);
        if (!result.ok) return failureResponse(c, result.error);
        return c.json({ ...tokenJson(result.value.record), token: result.value.token }, 201);
      },
    }),
    defineRoute({
      method: "delete",
      path: "/v1/tokens/:id",
      operationId: "revokeToken",
      tag: "Tokens",
      summary: "Revoke a token",
      description: "The token stops working at once. Revoking the token of the request itself is allowed.",
      params: idParams,
      responses: { 204: { description: "Revoked." } },
      errors: [404],
      async handle(c, { params, t }) {
        // Only by id here: the CLI also accepts a name or prefix, which is too loose for an API.
        const active = (await listTokens(db)).find((token) => token.id === params.id && !token.revokedAt);
        if (!active) return apiError(c, 404, "not_found", t("api.error.notFound"));
        const result = await revokeToken(db, active.id);
        return result.ok ? c.body(null, 204) : failureResponse(c, result.error);
      },
    }),
  ];
}
