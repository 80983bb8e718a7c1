import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { stopAll } from "../helpers/instance.ts";
import { callApi, startApi, type ApiClient } from "./api-client.ts";

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document walked as plain JSON
type Json = Record<string, any>;
const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/** Every $ref in the document, with where it was found. */
function refs(node: unknown, at = "#", found: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) for (const [i, v] of node.entries()) refs(v, `${at}/${i}`, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push([at, value]);
      else refs(value, `${at}/${key}`, found);
    }
  }
  return found;
}

function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

describe("the OpenAPI document", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("is a structurally valid OpenAPI 3.1 document covering every route of the router", async () => {
    api = await startApi();
    const res = await callApi(api.instance.origin, undefined, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc: Json = res.body;

    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe("string");
    expect(typeof doc.info.version).toBe("string");
    expect(doc.servers[0].url).toBe(api.instance.origin);
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));

    // Every $ref resolves inside the document.
    const allRefs = refs(doc);
    expect(allRefs.length).toBeGreaterThan(10);
    for (const [at, ref] of allRefs) expect(resolve(doc, ref), `${ref} at ${at}`).toBeDefined();

    // Every route the router serves under /api appears, with the same method; and nothing else does.
    const routed = new Set(
      api.instance.app.routes
        .filter((r) => r.path.startsWith("/api/") && methods.includes(r.method.toLowerCase()))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => methods.includes(m))
          .map((m) => `${m} ${path}`),
      ),
    );
    expect(routed.size).toBeGreaterThanOrEqual(17);
    expect([...documented].sort()).toEqual([...routed].sort());

    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of Object.keys(item)) {
        const op = item[method];
        const where = `${method} ${path}`;
        expect(op.operationId, where).toBeTypeOf("string");
        expect(operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        operationIds.add(op.operationId);
        // Path parameters match the template exactly, and are required.
        const pathParams = op.parameters.filter((p: Json) => p.in === "path");
        expect(pathParams.map((p: Json) => p.name).sort(), where).toEqual([...templated].sort());
        for (const p of pathParams) expect(p.required, where).toBe(true);
        for (const p of op.parameters) {
          expect(["path", "query", "header", "cookie"]).toContain(p.in);
          expect(p.schema, `${where} ${p.name}`).toBeTypeOf("object");
        }
        // Responses: status codes, descriptions, and the error shape on every error.
        expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          expect(status, where).toMatch(/^[1-5]\d\d$/);
          expect(response.description, `${where} ${status}`).toBeTypeOf("string");
          if (Number(status) >= 400)
            expect(response.content["application/json"].schema.$ref, `${where} ${status}`).toBe(
              "#/components/schemas/Error",
            );
        }
        // Security: every route but the public ones (the document, the directory search and offers) needs the
        // bearer scheme and documents 401 and 429.
        for (const requirement of op.security)
          for (const name of Object.keys(requirement)) expect(doc.components.securitySchemes[name]).toBeDefined();
        if (path === "/api/openapi.json" || path === "/api/v1/directory" || path === "/api/v1/directory/offers") {
          expect(op.security, where).toEqual([]);
        } else {
          expect(op.security, where).toEqual([{ bearer: [] }]);
          expect(op.responses["401"], where).toBeDefined();
          // Failed authentications are limited per address.
          expect(op.responses["429"]?.description, where).toContain("Retry-After");
          expect(op.responses["429"].headers["Retry-After"].schema.type, where).toBe("integer");
        }
        if (op.requestBody && path.endsWith("/profile/icon")) {
          // An image as the body: the accepted types, and what each refusal means.
          expect(Object.keys(op.requestBody.content), where).toEqual([
            "image/png",
            "image/jpeg",
            "image/webp",
            "image/gif",
          ]);
          for (const status of ["413", "415", "422"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
          expect(op.responses["415"].description, where).toContain("image/png");
        } else if (op.requestBody && path.endsWith("/profile/header")) {
          expect(op.requestBody.content["image/jpeg"].schema.contentMediaType, where).toBe("image/jpeg");
        } else if (op.requestBody) {
          expect(op.requestBody.content["application/json"].schema, where).toBeTypeOf("object");
          for (const status of ["400", "413", "415", "422"])
            expect(op.responses[status], `${where} ${status}`).toBeDefined();
        }
      }
    }

    // Schemas come from the zod models: the profile's nested shapes and enums are there.
    const profile = doc.components.schemas.ProfileInput;
    expect(profile.properties.services.items.properties.price.properties.model.enum).toContain("sliding-scale");
    expect(doc.components.schemas.ProviderUpdate.properties.profile.$ref).toBe("#/components/schemas/ProfileInput");
    expect(doc.components.schemas.ProviderUpdate.required).toEqual(expect.arrayContaining(["name", "profile"]));
    for (const schema of Object.values(doc.components.schemas as Record<string, Json>)) {
      expect(schema.$schema).toBeUndefined();
      expect(schema.$id).toBeUndefined();
    }
  });
});
