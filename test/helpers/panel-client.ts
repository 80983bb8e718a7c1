// A browser-like HTTP client for the panel: keeps cookies, does not follow redirects, and fills in
// the CSRF field from the form it last saw.
import type { Db } from "../../src/db/client.ts";
import { createOperator, issueSetupCode } from "../../src/domain/accounts/accounts.ts";
import type { TestInstance } from "./instance.ts";

export type PanelResponse = { status: number; html: string; location: string | null; headers: Headers };

export class PanelClient {
  readonly cookies = new Map<string, string>();
  readonly setCookieHeaders: string[] = [];
  csrf = "";
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  private async request(path: string, init: RequestInit = {}): Promise<PanelResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(new URL(path, this.origin), { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      this.setCookieHeaders.push(line);
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, html, location: res.headers.get("location"), headers: res.headers };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Posts a form; the CSRF token is added unless the fields say otherwise. */
  post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers },
    });
  }
}

export const PASSWORD = "a long enough passphrase";

/** Claims a fresh instance through the setup link and returns the signed-in admin's client. */
export async function setUpThroughPanel(
  instance: TestInstance,
  options: { handle?: string; username?: string; baseUrl?: string } = {},
): Promise<PanelClient> {
  const code = await issueSetupCode(instance.services.database.db);
  if (!code) throw new Error("the instance has an operator already");
  const client = new PanelClient(options.baseUrl ?? instance.origin);
  await client.get(`/admin/setup?code=${code}`);
  const res = await client.post("/admin/setup", {
    code,
    handle: options.handle ?? "coop",
    name: "The Co-op",
    username: options.username ?? "alice",
    password: PASSWORD,
  });
  if (res.status !== 303) throw new Error(`setup failed: ${res.status}`);
  return client;
}

export async function signIn(
  origin: string,
  username: string,
  password = PASSWORD,
): Promise<{ client: PanelClient; response: PanelResponse }> {
  const client = new PanelClient(origin);
  await client.get("/admin/login");
  const response = await client.post("/admin/login", { username, password });
  return { client, response };
}

/** An admin operator "alice" created in the instance's database, signed in through the panel. */
export async function signedInAdmin(db: Db, origin: string): Promise<PanelClient> {
  const created = await createOperator(db, { username: "alice", password: PASSWORD, role: "admin" });
  if (!created.ok) throw new Error("no operator");
  return (await signIn(origin, "alice")).client;
}
