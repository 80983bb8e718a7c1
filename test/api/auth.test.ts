import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/client.ts";
import { countAnnouncements } from "../../src/domain/announcements/announcements.ts";
import { findProvider } from "../../src/domain/provider/provider.ts";
import { apiTokenCreatedSchema, tokenListSchema } from "../../src/web/api/schemas.ts";
import { stopAll } from "../helpers/instance.ts";
import { callApi, startApi, type ApiClient } from "./api-client.ts";

describe("API authentication", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("answers 401 with WWW-Authenticate to a missing, wrong or revoked token, and writes nothing", async () => {
    api = await startApi();
    const { origin, services } = api.instance;
    const db = services.database.db;
    const before = await findProvider(db);

    const missing = await callApi(origin, undefined, "GET", "/api/v1/profile");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(missing.body.error.code).toBe("unauthorized");

    const wrong = await callApi(origin, "chp_not-a-real-token", "PUT", "/api/v1/profile", {
      name: "Hijacked",
      profile: {},
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const basic = await callApi(
      origin,
      undefined,
      "POST",
      "/api/v1/announcements",
      { content: "x" },
      { authorization: "Basic dXNlcjpwYXNz" },
    );
    expect(basic.status).toBe(401);

    // Revoke a second token through the API, then use it.
    const created = await api.call("POST", "/api/v1/tokens", { name: "short-lived" });
    expect(created.status).toBe(201);
    expect((await callApi(origin, created.body.token, "GET", "/api/v1/profile")).status).toBe(200);
    expect((await api.call("DELETE", `/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await callApi(origin, created.body.token, "POST", "/api/v1/announcements", {
      content: "should not be posted",
    });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe("unauthorized");

    expect(await countAnnouncements(db)).toBe(0);
    const after = await findProvider(db);
    expect(after?.name).toBe(before?.name);
    expect(after?.version).toBe(before?.version);
  });

  it("lists and revokes tokens, never showing a secret again", async () => {
    api = await startApi();
    const created = await api.call("POST", "/api/v1/tokens", { name: "deploy bot" });
    expect(apiTokenCreatedSchema.parse(created.body).token).toMatch(/^chp_/);
    const list = await api.call("GET", "/api/v1/tokens");
    expect(list.status).toBe(200);
    tokenListSchema.parse(list.body);
    expect(list.body.items.map((t: { name: string }) => t.name).sort()).toEqual(["deploy bot", "tests"]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await api.call("DELETE", `/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await api.call("DELETE", `/api/v1/tokens/${created.body.id}`)).status).toBe(404);
    expect((await api.call("DELETE", "/api/v1/tokens/not-an-id")).status).toBe(404);
    const invalid = await api.call("POST", "/api/v1/tokens", { name: "   " });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields)).toEqual(["name"]);
  });

  it("notes a token's last use to the minute, without a write for every request", async () => {
    api = await startApi();
    const db = api.instance.services.database.db;
    const lastUse = async () => {
      const [row] = await rowsOf<{ at: Date | string | null }>(
        db,
        sql`select last_used_at as at from api_tokens where revoked_at is null`,
      );
      return row?.at ? new Date(row.at).getTime() : null;
    };
    expect((await api.call("GET", "/api/v1/profile")).status).toBe(200);
    const first = await lastUse();
    expect(first).not.toBeNull();
    expect((await api.call("GET", "/api/v1/profile")).status).toBe(200);
    expect(await lastUse()).toBe(first);
    // A use more than a minute after the last one noted is noted.
    await db.execute(sql`update api_tokens set last_used_at = last_used_at - interval '2 minutes'`);
    expect((await api.call("GET", "/api/v1/profile")).status).toBe(200);
    expect(await lastUse()).toBeGreaterThan(first! - 60_000);
  });
});
