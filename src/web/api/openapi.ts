// The OpenAPI 3.1 document of the operator API, generated from the route descriptions and the
// zod schemas the routes validate with (OpenAPI 3.1 schemas are JSON Schema 2020-12).
import { z } from "zod";
import { API_AUTH_LIMIT, LOGIN_WINDOW_MS } from "../../domain/accounts/rate-limit.ts";
import { version } from "../../version.ts";
import { MAX_BODY_BYTES } from "./request-body.ts";
import type { RouteSpec } from "./route-spec.ts";
import { requestSchemas, responseSchemas } from "./schemas.ts";

type JsonSchema = Record<string, unknown>;
type Registry = typeof requestSchemas;

const componentUri = (id: string) => `#/components/schemas/${id}`;

const errorDescriptions: Record<number, string> = {
  400: "The body is not valid JSON.",
  401: "No token, or a wrong or revoked one. The response carries `WWW-Authenticate: Bearer`.",
  404: "No such item.",
  409: "The request conflicts with the current state.",
  413: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
  415: "The body is not JSON (send `Content-Type: application/json`).",
  422: "Some fields or query parameters are not valid; `error.fields` names each one.",
  429: `Too many requests with a missing, wrong or revoked token from this address (${API_AUTH_LIMIT} within ${LOGIN_WINDOW_MS / 60_000} minutes): every request from it is refused until \`Retry-After\` seconds have passed.`,
};

/** Headers an error response carries, by status. */
const errorHeaders: Record<number, Record<string, unknown>> = {
  429: {
    "Retry-After": {
      description: "Seconds until a request from this address is accepted again.",
      schema: { type: "integer", minimum: 1 },
    },
  },
};

/** A schema as JSON Schema without the top-level keywords that do not belong inside a document. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function components(registry: Registry, io: "input" | "output"): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: componentUri, unrepresentable: "any" });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, clean(schema as JsonSchema)]));
}

function schemaRef(schema: z.ZodType, registry: Registry, io: "input" | "output"): JsonSchema {
  const id = registry.get(schema)?.id;
  return id ? { $ref: componentUri(id) } : clean(z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema);
}

function parameters(where: "path" | "query", schema: z.ZodType | undefined) {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { description, ...fieldSchema } = clean(
      z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as JsonSchema,
    );
    return {
      name,
      in: where,
      required: where === "path" || !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

function operation(spec: RouteSpec) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: json(schemaRef(response.schema, responseSchemas, "output")) } : {}),
    };
  }
  const errors = new Set(spec.errors ?? []);
  if (!spec.public) for (const status of [401, 429]) errors.add(status);
  if (spec.params) errors.add(404);
  if (spec.query || spec.body) errors.add(422);
  if (spec.body) for (const status of [400, 413, 415]) errors.add(status);
  for (const status of [...errors].sort()) {
    const headers = errorHeaders[status];
    responses[String(status)] = {
      description: spec.errorNotes?.[status] ?? errorDescriptions[status] ?? "An error.",
      ...(headers ? { headers } : {}),
      content: json({ $ref: componentUri("Error") }),
    };
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: spec.public ? [] : [{ bearer: [] }],
    parameters: [...parameters("path", spec.params), ...parameters("query", spec.query ?? spec.queryDoc)],
    ...(spec.body
      ? { requestBody: { required: true, content: json(schemaRef(spec.body, requestSchemas, "input")) } }
      : spec.rawBody
        ? {
            requestBody: {
              required: true,
              description: spec.rawBody.description,
              content: Object.fromEntries(
                spec.rawBody.contentTypes.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]),
              ),
            },
          }
        : {}),
    responses,
  };
}

/** The OpenAPI path of a Hono path under /api: /v1/announcements/:id -> /api/v1/announcements/{id}. */
export const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, "{$1}");

export function buildOpenApiDocument(specs: readonly RouteSpec[], origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = openApiPath(`/api${spec.path}`);
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Commonhost operator API",
      version,
      description:
        "Manage a Commonhost instance's provider profile, announcements, follows and tokens. See docs/api.md.",
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    servers: [{ url: origin }],
    tags: [...new Set(specs.map((s) => s.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...components(requestSchemas, "input"), ...components(responseSchemas, "output") },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A token from `commonhost token create --name NAME` or `POST /api/v1/tokens`.",
        },
      },
    },
  };
}
