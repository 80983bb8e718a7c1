// The browser-facing defences: security headers on pages, no caching of the panel, and redirects
// that only ever stay on this site.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PASSWORD, PanelClient, setUpThroughPanel } from "../helpers/panel-client.ts";

let instance: TestInstance | undefined;
beforeAll(async () => {
  instance = await startInstance({ handle: null });
  await setUpThroughPanel(instance, { handle: "home", username: "alice" });
}, 120_000);
afterAll(async () => stopAll(instance));

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );

describe("security headers", { timeout: 60_000 }, () => {
  it("every page forbids framing and third-party scripts", async () => {
    for (const path of ["/", "/directory", "/admin/login", "/no-such-page"]) {
      const response = await fetch(`${instance!.origin}${path}`);
      await response.text();
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      const csp = directives(response.headers.get("content-security-policy"));
      expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
      expect(csp["default-src"], path).toEqual(["'self'"]);
      expect(csp["script-src"], path).toEqual(["'self'"]);
      expect(csp["base-uri"], path).toEqual(["'none'"]);
      expect(csp["form-action"], path).toEqual(["'self'"]);
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("documents for other servers are not sniffed as something else", async () => {
    const response = await fetch(`${instance!.origin}/actors/home`, {
      headers: { Accept: "application/activity+json" },
    });
    await response.text();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("the panel's pages are never stored by a cache, signed in or not", async () => {
    const client = new PanelClient(instance!.origin);
    const login = await client.get("/admin/login");
    expect(login.headers.get("cache-control")).toBe("no-store");
    const signedIn = await client.post("/admin/login", { username: "alice", password: PASSWORD });
    expect(signedIn.status).toBe(303);
    for (const path of ["/admin", "/admin/profile", "/admin/account", "/admin/tokens"]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("redirects stay on this site", { timeout: 60_000 }, () => {
  const hostile = [
    "https://evil.example/admin",
    "//evil.example/admin",
    "/\\evil.example",
    "/admin@evil.example",
    "/admin/../../evil",
    "javascript:alert(1)",
    "/admin?next=https://evil.example",
    "/adminx",
    "/admin/profile#x",
  ];

  it("after sign-in, follows only a path in the panel", async () => {
    for (const next of hostile) {
      const client = new PanelClient(instance!.origin);
      const form = await client.get(`/admin/login?next=${encodeURIComponent(next)}`);
      expect(form.html, next).toContain('name="next" value="/admin"');
      const response = await client.post("/admin/login", { username: "alice", password: PASSWORD, next });
      expect(response.status, next).toBe(303);
      expect(response.location, next).toBe("/admin");
    }
    const client = new PanelClient(instance!.origin);
    await client.get("/admin/login?next=%2Fadmin%2Fprofile");
    const response = await client.post("/admin/login", {
      username: "alice",
      password: PASSWORD,
      next: "/admin/profile",
    });
    expect(response.location).toBe("/admin/profile");
  });

  it("a page that asks for sign-in comes back to itself", async () => {
    const response = await fetch(`${instance!.origin}/admin/announcements`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Fannouncements");
  });

  it("the language switch goes back only to a path here", async () => {
    for (const back of ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await fetch(`${instance!.origin}/lang?to=fr&back=${encodeURIComponent(back)}`, {
        redirect: "manual",
      });
      expect(response.status, back).toBe(303);
      expect(response.headers.get("location"), back).toBe("/");
    }
    const home = await fetch(`${instance!.origin}/lang?to=fr&back=%2Fdirectory%3Fq%3Dmail`, { redirect: "manual" });
    expect(home.headers.get("location")).toBe("/directory?q=mail");
  });
});
