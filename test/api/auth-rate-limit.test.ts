import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { API_AUTH_LIMIT } from "../../src/domain/accounts/rate-limit.ts";
import { stopAll } from "../helpers/instance.ts";
import { callApi, startApi, type ApiClient } from "./api-client.ts";

const from = (address: string) => ({ "x-forwarded-for": address });

describe("the limit on failed API authentication", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("answers 429 with Retry-After to an address past the limit, a right token too, and not to others", async () => {
    api = await startApi({ env: { TRUST_PROXY: "true" } });
    const { origin } = api.instance;
    const attacker = "203.0.113.7";
    const statuses: number[] = [];
    for (let i = 0; i < API_AUTH_LIMIT; i++) {
      // Missing, wrong and malformed tokens all count.
      const token = i % 3 === 0 ? undefined : i % 3 === 1 ? `chp_guess${i}` : "not-even-a-token";
      statuses.push((await callApi(origin, token, "GET", "/api/v1/profile", undefined, from(attacker))).status);
    }
    expect(statuses).toEqual(Array(API_AUTH_LIMIT).fill(401));

    const limited = await callApi(origin, "chp_one-more-guess", "GET", "/api/v1/profile", undefined, from(attacker));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/^Too many requests with a missing or wrong token/),
      },
    });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Guessing cannot go on: a right token from that address is refused too, and writes nothing.
    const right = await callApi(
      origin,
      api.token,
      "PUT",
      "/api/v1/profile",
      { name: "Changed", profile: {} },
      from(attacker),
    );
    expect(right.status).toBe(429);
    expect((await api.call("GET", "/api/v1/profile", undefined, from("198.51.100.1"))).body.name).not.toBe("Changed");
    // Other addresses are not affected.
    expect((await callApi(origin, "chp_wrong", "GET", "/api/v1/profile", undefined, from("198.51.100.2"))).status).toBe(
      401,
    );
    // The public OpenAPI document needs no token and is not limited.
    expect((await callApi(origin, undefined, "GET", "/api/openapi.json", undefined, from(attacker))).status).toBe(200);

    // Retry-After counts down to when the oldest failure leaves the 15-minute window, and then the address is let in again.
    const database = api.instance.services.database;
    await database.rows(
      sql`update login_failures set at = at - interval '14 minutes 30 seconds' where key = ${`api:${attacker}`}`,
    );
    const soon = await callApi(origin, undefined, "GET", "/api/v1/profile", undefined, from(attacker));
    expect(soon.status).toBe(429);
    expect(Number(soon.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    await database.rows(sql`update login_failures set at = at - interval '1 minute' where key = ${`api:${attacker}`}`);
    expect((await api.call("GET", "/api/v1/profile", undefined, from(attacker))).status).toBe(200);
  });

  it("does not count successful requests", async () => {
    api = await startApi({ env: { TRUST_PROXY: "true" } });
    for (let i = 0; i < API_AUTH_LIMIT + 5; i++)
      expect((await api.call("GET", "/api/v1/profile", undefined, from("203.0.113.8"))).status).toBe(200);
    const failure = await callApi(
      api.instance.origin,
      "chp_wrong",
      "GET",
      "/api/v1/profile",
      undefined,
      from("203.0.113.8"),
    );
    expect(failure.status).toBe(401);
    const [row] = await api.instance.services.database.rows<{ n: number }>(
      sql`select count(*)::int as n from login_failures`,
    );
    expect(row!.n).toBe(1);
  });

  it("counts the socket's address, not X-Forwarded-For, unless TRUST_PROXY is set", async () => {
    api = await startApi();
    const { origin } = api.instance;
    for (let i = 0; i < API_AUTH_LIMIT; i++) {
      expect(
        (await callApi(origin, "chp_wrong", "GET", "/api/v1/profile", undefined, from(`203.0.113.${i}`))).status,
      ).toBe(401);
    }
    // A forged header does not escape the limit.
    expect((await callApi(origin, api.token, "GET", "/api/v1/profile", undefined, from("198.51.100.9"))).status).toBe(
      429,
    );
  });
});
