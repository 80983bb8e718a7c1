// Behind a reverse proxy the instance counts each client by the address the proxy saw. A client that
// sends its own X-Forwarded-For (which a proxy that appends, like nginx's $proxy_add_x_forwarded_for,
// passes on in front of the real address) must not pick the address it is counted under.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { API_AUTH_LIMIT, LOGIN_LIMITS } from "../../src/domain/accounts/rate-limit.ts";
import { CONTACTS_PER_ADDRESS_PER_HOUR } from "../../src/domain/directory/contact-limit.ts";
import { callApi, startApi, type ApiClient } from "../api/api-client.ts";
import { eventually, stopAll } from "../helpers/instance.ts";
import { PASSWORD, PanelClient } from "../helpers/panel-client.ts";

const REAL = "203.0.113.50";
let forged = 0;
/** What the application receives from a proxy that appends: the client's own header, then the real address. */
const throughProxy = () => ({ "x-forwarded-for": `198.51.100.${++forged % 250}, 10.9.8.${forged % 250}, ${REAL}` });

describe("a client behind the proxy cannot choose its own address", { timeout: 120_000 }, () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("keeps the API token, sign-in and contact-form limits on the address the proxy added", async () => {
    api = await startApi({ env: { TRUST_PROXY: "true" }, handle: "home", name: "Home" });
    const { origin } = api.instance;
    const provider = `${origin}/actors/home`;

    // The contact form's token must be older than a person's fill time; fetch it first. (Opening the
    // directory puts the local provider into it.)
    await (await fetch(`${origin}/directory`, { headers: { "Accept-Language": "en" } })).text();
    const served = await fetch(`${origin}/directory/contact?provider=${encodeURIComponent(provider)}`, {
      headers: { "Accept-Language": "en", ...throughProxy() },
    });
    const token = /name="token" value="([^"]+)"/.exec(await served.text())![1]!;

    // API tokens: each guess names a different first address; the limit still trips.
    for (let i = 0; i < API_AUTH_LIMIT; i++)
      expect((await callApi(origin, `chp_guess${i}`, "GET", "/api/v1/profile", undefined, throughProxy())).status).toBe(
        401,
      );
    expect((await callApi(origin, api.token, "GET", "/api/v1/profile", undefined, throughProxy())).status).toBe(429);
    // Another real address is not affected.
    expect(
      (await callApi(origin, api.token, "GET", "/api/v1/profile", undefined, { "x-forwarded-for": "203.0.113.51" }))
        .status,
    ).toBe(200);

    // Sign-in: a different username each time, so only the per-address limit can stop it.
    await createOperator(api.instance.services.database.db, { username: "alice", password: PASSWORD, role: "admin" });
    const panel = new PanelClient(origin);
    await panel.get("/admin/login");
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.address + 1; i++)
      statuses.push(
        (
          await panel.post(
            "/admin/login",
            { username: `guess${i}`, password: "not the password at all" },
            { headers: throughProxy() },
          )
        ).status,
      );
    expect(statuses.slice(0, LOGIN_LIMITS.address)).toEqual(Array(LOGIN_LIMITS.address).fill(403));
    expect(statuses[LOGIN_LIMITS.address]).toBe(429);
    // Another real address still signs in.
    expect(
      (
        await panel.post(
          "/admin/login",
          { username: "alice", password: PASSWORD },
          { headers: { "x-forwarded-for": "203.0.113.51" } },
        )
      ).status,
    ).toBe(303);

    // The contact form: at most the hourly limit from the real address, whatever it claims.
    const post = () =>
      fetch(`${origin}/directory/contact`, {
        method: "POST",
        body: new URLSearchParams({
          provider,
          token,
          senderName: "Ana",
          senderEmail: "ana@example.org",
          message: "We need email for 30 people.",
        }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en", ...throughProxy() },
      });
    // Wait until the form is no longer refused as filled too fast (that refusal does not count).
    const first = await eventually(
      async () => {
        const res = await post();
        return res.status === 200 ? res : undefined;
      },
      30_000,
      "the form's fill time",
    );
    expect(first.status).toBe(200);
    const later: number[] = [];
    for (let i = 0; i < CONTACTS_PER_ADDRESS_PER_HOUR; i++) later.push((await post()).status);
    expect(later).toEqual([...Array(CONTACTS_PER_ADDRESS_PER_HOUR - 1).fill(200), 429]);
  });

  it("with two proxies, counts the entry the outer one added", async () => {
    api = await startApi({ env: { TRUST_PROXY: "2" } });
    const { origin } = api.instance;
    // A CDN appends the client's address, then the local proxy appends the CDN's.
    const viaTwo = () => ({ "x-forwarded-for": `198.51.100.${++forged % 250}, ${REAL}, 10.0.0.2` });
    for (let i = 0; i < API_AUTH_LIMIT; i++)
      expect((await callApi(origin, `chp_guess${i}`, "GET", "/api/v1/profile", undefined, viaTwo())).status).toBe(401);
    expect((await callApi(origin, api.token, "GET", "/api/v1/profile", undefined, viaTwo())).status).toBe(429);
    // The same CDN node for another client: a different count.
    expect(
      (
        await callApi(origin, api.token, "GET", "/api/v1/profile", undefined, {
          "x-forwarded-for": "203.0.113.52, 10.0.0.2",
        })
      ).status,
    ).toBe(200);
  });
});
