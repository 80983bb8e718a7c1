// GET/PUT /api/v1/profile: the provider's name and structured profile.
import { findProvider, updateProvider } from "../../domain/provider/provider.service.ts";
import type { WebDeps } from "../deps.ts";
import { failureResponse } from "./errors.ts";
import { apiError } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { profileUpdateSchema, providerSchema } from "./schemas.ts";
import { providerJson } from "./serialize.ts";

export function profileRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  return [
    defineRoute({
      method: "get",
      path: "/v1/profile",
      operationId: "getProfile",
      tag: "Profile",
      summary: "The provider's handle, name and profile",
      description: "`profile` is the same JSON as the file given to `commonhost setup --profile FILE`.",
      responses: { 200: { description: "The provider.", schema: providerSchema } },
      errors: [404],
      async handle(c, { t }) {
        const provider = await findProvider(db);
        return provider ? c.json(providerJson(provider)) : apiError(c, 404, "not_found", t("api.error.noProvider"));
      },
    }),
    defineRoute({
      method: "put",
      path: "/v1/profile",
      operationId: "replaceProfile",
      tag: "Profile",
      summary: "Replace the name and the whole profile",
      description:
        "Followers receive an `Update` of the actor. Every field that is not valid is named in `error.fields`; nothing is written then.",
      body: profileUpdateSchema,
      responses: { 200: { description: "The updated provider.", schema: providerSchema } },
      errors: [404],
      async handle(c, { body }) {
        const result = await updateProvider(db, body);
        return result.ok ? c.json(providerJson(result.value)) : failureResponse(c, result.error);
      },
    }),
  ];
}
