import { afterEach, describe, expect, it } from "vitest";
import { createInvite } from "../../src/domain/accounts/invites.ts";
import { createOperator, issueSetupCode } from "../../src/domain/accounts/accounts.ts";
import { findProvider } from "../../src/domain/provider/provider.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PanelClient, PASSWORD, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

describe("the panel's gates", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  it("lets only the holder of the one-time setup link claim a fresh instance, once", async () => {
    instance = await startInstance({ handle: null });
    const stranger = new PanelClient(instance.origin);
    expect((await stranger.get("/admin/setup")).status).toBe(403);
    expect((await stranger.get("/admin/setup?code=guess")).status).toBe(403);
    const home = await stranger.get("/");
    expect(home.html).toContain("/admin/setup?code=");
    expect(home.html).not.toMatch(/code=[A-Za-z0-9_-]{20,}/);
    const posted = await stranger.post("/admin/setup", {
      code: "guess",
      handle: "evil",
      name: "Evil",
      username: "mallory",
      password: PASSWORD,
    });
    expect(posted.status).toBe(403);
    expect(await findProvider(instance.services.database.db)).toBeUndefined();

    const admin = await setUpThroughPanel(instance);
    expect((await findProvider(instance.services.database.db))?.handle).toBe("coop");
    expect((await admin.get("/admin")).status).toBe(200);
    // The code is spent: the same link does nothing any more.
    expect((await stranger.get("/admin/setup?code=anything")).status).toBe(403);
  });

  it("creates only the first account when the command line set the provider up already", async () => {
    instance = await startInstance({ handle: "cli_made" });
    const code = await issueSetupCode(instance.services.database.db);
    const client = new PanelClient(instance.origin);
    const form = await client.get(`/admin/setup?code=${code}`);
    expect(form.html).not.toContain('name="handle"');
    const done = await client.post("/admin/setup", { code: code!, username: "alice", password: PASSWORD });
    expect(done.status).toBe(303);
    expect((await findProvider(instance.services.database.db))?.handle).toBe("cli_made");
    expect(await issueSetupCode(instance.services.database.db)).toBeUndefined();
  });

  it("sets session cookies HttpOnly and SameSite=Lax, and signs out", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    const cookie = admin.setCookieHeaders.find((c) => c.startsWith("commonhost_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // http origin in tests; https origins get Secure
    expect((await admin.post("/admin/logout", {})).location).toBe("/admin/login");
    expect((await admin.get("/admin/profile")).status).toBe(303);
  });

  it("rejects a form post without the CSRF token, or from another origin", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    await admin.get("/admin/announcements");
    const without = await admin.post(
      "/admin/announcements",
      { content: "Forged", _action: "publish" },
      { csrf: false },
    );
    expect(without.status).toBe(403);
    const wrong = await admin.post(
      "/admin/announcements",
      { content: "Forged", _action: "publish", _csrf: "x".repeat(43) },
      { csrf: false },
    );
    expect(wrong.status).toBe(403);
    const crossOrigin = await admin.post(
      "/admin/announcements",
      { content: "Forged", _action: "publish" },
      { headers: { origin: "https://evil.example" } },
    );
    expect(crossOrigin.status).toBe(403);
    const genuine = await admin.post("/admin/announcements", { content: "Genuine", _action: "publish" });
    expect(genuine.status).toBe(303);
    expect((await admin.get("/admin/announcements")).html).not.toContain("Forged");
  });

  it("rate-limits wrong passwords per account", async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await signIn(instance.origin, "alice", "wrong password!!")).response.status);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while the limit holds.
    const { response } = await signIn(instance.origin, "alice");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("900");
  });

  it("rate-limits failed sign-ins per address, whatever the username", async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance);
    for (let i = 0; i < 20; i++)
      expect((await signIn(instance.origin, `nobody${i}`, "wrong password!!")).response.status).toBe(403);
    expect((await signIn(instance.origin, "alice")).response.status).toBe(429);
  });

  it("marks cookies Secure when the origin is https", async () => {
    instance = await startInstance({ handle: null, env: { ORIGIN: "https://coop.example" } });
    // Behind a TLS proxy in production; here the same server is reached over plain HTTP.
    const admin = await setUpThroughPanel(instance, { baseUrl: `http://127.0.0.1:${instance.config.port}` });
    const session = admin.setCookieHeaders.find((c) => c.startsWith("commonhost_session="));
    expect(session).toMatch(/; Secure/);
    expect(admin.setCookieHeaders.find((c) => c.startsWith("commonhost_csrf="))).toMatch(/; Secure/);
  });

  it("refuses an expired or used invitation", async () => {
    instance = await startInstance({ handle: null });
    await setUpThroughPanel(instance);
    const db = instance.services.database.db;
    const expired = await createInvite(db, { role: "editor", createdBy: null, ttlMs: -1000 });
    const visitor = new PanelClient(instance.origin);
    expect((await visitor.get(`/admin/invite?code=${expired.secret}`)).status).toBe(403);
    const posted = await visitor.post("/admin/invite", { code: expired.secret, username: "late", password: PASSWORD });
    expect(posted.status).toBe(403);
    expect((await signIn(instance.origin, "late")).response.status).toBe(403);

    const fresh = await createInvite(db, { role: "editor", createdBy: null });
    await visitor.get(`/admin/invite?code=${fresh.secret}`);
    expect(
      (await visitor.post("/admin/invite", { code: fresh.secret, username: "bob", password: PASSWORD })).status,
    ).toBe(303);
    const again = new PanelClient(instance.origin);
    expect((await again.get(`/admin/invite?code=${fresh.secret}`)).status).toBe(403);
  });

  it("keeps editors out of account and token management", async () => {
    instance = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(instance);
    await createOperator(instance.services.database.db, { username: "ed", password: PASSWORD, role: "editor" });
    const { client: editor, response } = await signIn(instance.origin, "ed");
    expect(response.status).toBe(303);
    expect((await editor.get("/admin/profile")).status).toBe(200);
    const refused = await editor.get("/admin/operators");
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Only admins");
    expect((await editor.get("/admin/tokens")).status).toBe(403);
    await editor.get("/admin/profile");
    expect((await editor.post("/admin/operators/invite", { role: "admin" })).status).toBe(403);
    expect((await editor.post("/admin/tokens", { name: "sneaky" })).status).toBe(403);
    // The admin can.
    const invited = await admin
      .post("/admin/operators/invite", { role: "editor" })
      .then(async () => admin.get("/admin/operators"));
    expect(invited.status).toBe(200);
    // Post/redirect/get: the POST creates the token and redirects; the GET shows it, once.
    const created = await admin.post("/admin/tokens", { name: "deploy script" });
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/admin\/tokens\?created=[\w-]+#new-token$/);
    expect(created.html).not.toContain("chp_");
    const token = await admin.get(created.location!);
    const secret = /value="(chp_[A-Za-z0-9_-]+)"/.exec(token.html)?.[1];
    expect(secret).toBeDefined();
    expect((await admin.get(created.location!)).html).not.toContain(secret!);
    const { verifyToken, listTokens } = await import("../../src/domain/tokens/tokens.ts");
    expect(await verifyToken(instance.services.database.db, secret!)).toBeDefined();
    const [record] = await listTokens(instance.services.database.db);
    // Revoking asks first: the GET says what will happen and changes nothing.
    const confirm = await admin.get(`/admin/tokens/${record!.id}/revoke`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain("deploy script");
    expect(confirm.html).toContain(`action="/admin/tokens/${record!.id}/revoke"`);
    expect(await verifyToken(instance.services.database.db, secret!)).toBeDefined();
    expect((await admin.post(`/admin/tokens/${record!.id}/revoke`, {})).status).toBe(303);
    expect(await verifyToken(instance.services.database.db, secret!)).toBeUndefined();
  });

  it("lists sessions and signs out everywhere else", async () => {
    instance = await startInstance({ handle: null });
    const first = await setUpThroughPanel(instance);
    const { client: second } = await signIn(instance.origin, "alice");
    // The items of the sessions section only (the panel's navigation is a list too).
    const sessionItems = (html: string) => {
      const section = /<section aria-labelledby="sessions-title">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
      return section.match(/<li\b/g)?.length ?? 0;
    };
    expect(sessionItems((await first.get("/admin/account")).html)).toBe(2);
    expect((await first.post("/admin/account/sessions/revoke-all", {})).status).toBe(303);
    expect((await second.get("/admin")).status).toBe(303);
    expect((await first.get("/admin")).status).toBe(200);
    expect(sessionItems((await first.get("/admin/account")).html)).toBe(1);
  });
});
