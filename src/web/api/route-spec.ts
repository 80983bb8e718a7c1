// One description per API route: it mounts the route (authentication, parameters, body, validation)
// and is what the OpenAPI document is generated from.
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { ApiToken } from "../../domain/tokens/tokens.ts";
import { fieldErrors } from "../../domain/validation.ts";
import { negotiateLocale, translator, type Translate } from "../../i18n/i18n.ts";
import type { Runtime } from "../../runtime.ts";
import { clientAddress } from "../client-address.ts";
import { authenticate } from "./auth.ts";
import { fieldTexts } from "../errors.ts";
import { apiError } from "./errors.ts";
import { MAX_BODY_BYTES, readJsonBody } from "./request-body.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type ResponseSpec = { description: string; schema?: z.ZodType };

type Input<P, Q, B> = { params: P; query: Q; body: B; token: ApiToken | undefined; t: Translate };

export type RouteSpec<P = unknown, Q = unknown, B = unknown> = {
  method: Method;
  /** Under /api, in Hono's syntax (/v1/announcements/:id). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Served without a token (only the OpenAPI document). */
  public?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** A query the handler parses itself (repeated parameters): documented, not validated here. */
  queryDoc?: z.ZodType;
  body?: z.ZodType<B>;
  /** A body that is not JSON (an image): documented here, read by the handler itself. */
  rawBody?: { contentTypes: readonly string[]; description: string };
  /** Success statuses and what they carry. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses this route can answer besides those of authentication and bodies. */
  errors?: number[];
  /** What an error status means on this route, where it differs from the general description. */
  errorNotes?: Record<number, string>;
  handle(c: Context, input: Input<P, Q, B>): Response | Promise<Response>;
};

/** Keeps each route's types while the list is handed around untyped. */
export const defineRoute = <P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec => spec as unknown as RouteSpec;

export function mountRoute(app: Hono, services: Runtime, spec: RouteSpec): void {
  const logger = services.logger.child({ module: "api" });
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    const t = translator(negotiateLocale(c.req.header("accept-language")));
    let token: ApiToken | undefined;
    if (!spec.public) {
      const auth = await authenticate(c, services.database.db, t, clientAddress(c, services));
      if ("response" in auth) return auth.response;
      token = auth.token;
    }
    let params: unknown = {};
    if (spec.params) {
      // A malformed id names nothing that exists.
      const parsed = spec.params.safeParse(c.req.param());
      if (!parsed.success) return apiError(c, 404, "not_found", t("api.error.notFound"));
      params = parsed.data;
    }
    let query: unknown = {};
    if (spec.query) {
      const parsed = spec.query.safeParse(c.req.query());
      if (!parsed.success)
        return apiError(c, 422, "invalid", t("api.error.invalidQuery"), fieldTexts(t, fieldErrors(parsed.error)));
      query = parsed.data;
    }
    let body: unknown;
    if (spec.body) {
      const read = await readJsonBody(c);
      if (!read.ok) return apiError(c, read.error.status, read.error.code, t(read.error.key, { max: MAX_BODY_BYTES }));
      const parsed = spec.body.safeParse(read.value);
      if (!parsed.success)
        return apiError(c, 422, "invalid", t("api.error.invalidBody"), fieldTexts(t, fieldErrors(parsed.error)));
      body = parsed.data;
    }
    const response = await spec.handle(c, { params, query, body, token, t });
    // Who changed what: the token's id and name, never the token.
    if (spec.method !== "get")
      logger.info(
        {
          operation: spec.operationId,
          path: c.req.path,
          status: response.status,
          tokenId: token?.id,
          tokenName: token?.name,
        },
        "api change",
      );
    return response;
  });
}
