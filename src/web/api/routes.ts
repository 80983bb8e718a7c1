// The operator JSON API: /api/v1/* behind a bearer token, and its OpenAPI document at /api/openapi.json.
import { Hono } from "hono";
import { negotiateLocale, translator } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { announcementRoutes } from "./announcements.ts";
import { aidApiRoutes } from "./aid.ts";
import { watchApiRoutes } from "./watch.ts";
import { audienceRoutes } from "./audience.ts";
import { followingRoutes } from "./following.ts";
import { groupApiRoutes } from "./groups.ts";
import { directoryApiRoutes } from "./directory.ts";
import { directoryOfferRoutes } from "./directory-offers.ts";
import { docsApiRoutes } from "./docs.ts";
import { emergencyApiRoutes } from "./emergencies.ts";
import { libraryApiRoutes } from "./library.ts";
import { apiError } from "./errors.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { networkApiRoutes } from "./networks.ts";
import { shutdownApiRoutes } from "./shutdown.ts";
import { profileRoutes } from "./profile.ts";
import { queueApiRoutes } from "./queue.ts";
import { defineRoute, mountRoute, type RouteSpec } from "./route-spec.ts";
import { tokenRoutes } from "./tokens.ts";

export function apiRouteSpecs(deps: WebDeps): RouteSpec[] {
  let document: unknown;
  const specs: RouteSpec[] = [
    ...profileRoutes(deps),
    ...announcementRoutes(deps),
    ...audienceRoutes(deps),
    ...followingRoutes(deps),
    ...tokenRoutes(deps),
    ...directoryApiRoutes(deps),
    ...directoryOfferRoutes(deps),
    ...queueApiRoutes(deps),
    ...networkApiRoutes(deps),
    ...docsApiRoutes(deps),
    ...libraryApiRoutes(deps),
    ...shutdownApiRoutes(deps),
    ...emergencyApiRoutes(deps),
    ...groupApiRoutes(deps),
    ...aidApiRoutes(deps),
    ...watchApiRoutes(deps),
  ];
  specs.push(
    defineRoute({
      method: "get",
      path: "/openapi.json",
      operationId: "getOpenApiDocument",
      tag: "Meta",
      summary: "This API's OpenAPI 3.1 document",
      public: true,
      responses: { 200: { description: "The OpenAPI document." } },
      handle(c) {
        document ??= buildOpenApiDocument(specs, deps.services.config.origin);
        c.header("Cache-Control", "public, max-age=300");
        return c.json(document);
      },
    }),
  );
  return specs;
}

export function apiRoutes(deps: WebDeps) {
  const app = new Hono();
  const specs = apiRouteSpecs(deps);
  for (const spec of specs) mountRoute(app, deps.services, spec);
  // A known path asked with another method: say which methods it has rather than 404.
  const allowed = new Map<string, Set<string>>();
  for (const spec of specs)
    (allowed.get(spec.path) ?? allowed.set(spec.path, new Set()).get(spec.path)!).add(spec.method.toUpperCase());
  for (const [path, methods] of allowed) {
    app.all(path, (c) => {
      c.header("Allow", [...methods, ...(methods.has("GET") ? ["HEAD"] : [])].join(", "));
      const t = translator(negotiateLocale(c.req.header("accept-language")));
      return apiError(
        c,
        405,
        "method_not_allowed",
        t("api.error.methodNotAllowed", { methods: [...methods].join(", ") }),
      );
    });
  }
  return app;
}
