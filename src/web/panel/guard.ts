// The panel's gates: the session cookie, CSRF on every form post, and roles.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Operator, OperatorSession } from "../../domain/accounts/sessions.ts";
import { findSession, SESSION_TTL_MS } from "../../domain/accounts/sessions.ts";
import { countInquiries } from "../../domain/directory/inquiries.ts";
import type { Runtime } from "../../runtime.ts";
import { html } from "hono/html";
import { DEFAULT_LOCALE, translator, type Translate } from "../../i18n/i18n.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { layout } from "../views/layout.ts";

/** The signed-in operator, with what waits for them (shown as counts in the navigation). */
export type PanelOperator = Operator & { newInquiries?: number };
export type PanelVariables = LocaleVariables & { operator: PanelOperator; session: OperatorSession; csrf: string };
export type PanelEnv = { Variables: PanelVariables };
export type PanelContext = Context<PanelEnv>;

/** What every panel page's layout needs from the request, for the page at `path`. */
export const pageContext = (c: PanelContext, path: string) => ({
  locale: c.get("locale"),
  t: c.get("t"),
  path,
  csrf: c.get("csrf"),
  operator: c.get("operator"),
});

export const SESSION_COOKIE = "commonhost_session";
const CSRF_COOKIE = "commonhost_csrf";

const secure = (services: Runtime) => services.config.origin.startsWith("https:");

export function setSessionCookie(c: Context, services: Runtime, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(services),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** Form fields of a POST, every value a string (files are not accepted anywhere in the panel). */
export type Form = Record<string, string | string[]>;
export async function formOf(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const form: Form = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) form[key] = value.filter((v): v is string => typeof v === "string");
    else if (typeof value === "string") form[key] = value;
  }
  return form;
}
export const field = (form: Form, name: string): string => {
  const v = form[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};

/**
 * Double-submit CSRF token: a random cookie, repeated in a hidden field of every form. A cross-site
 * page can make the browser send the cookie but cannot read it to fill the field. Cross-origin
 * posts are also refused by their Origin header.
 */
export function csrf(services: Runtime): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      token = randomBytes(32).toString("base64url");
      setCookie(c, CSRF_COOKIE, token, { path: "/admin", httpOnly: true, sameSite: "Lax", secure: secure(services) });
    }
    c.set("csrf", maskToken(token));
    if (c.req.method === "POST") {
      const origin = c.req.header("origin");
      if (origin && origin !== services.config.origin) return forbidden(c);
      if (!csrfMatches(field(await formOf(c), "_csrf"), token)) return forbidden(c);
    }
    await next();
    // Panel pages carry one-time links and tokens: never kept by a cache.
    c.header("Cache-Control", "no-store");
  };
}

/**
 * The token as written into a page: a fresh random pad, then the token XOR the pad. Pages are
 * compressed, and a secret repeated identically in compressed responses could be guessed from their
 * sizes (BREACH); masked, it differs in every response.
 */
function maskToken(token: string): string {
  const raw = Buffer.from(token, "base64url");
  const pad = randomBytes(raw.length);
  return Buffer.concat([pad, Buffer.from(raw.map((b, i) => b ^ pad[i]!))]).toString("base64url");
}

function csrfMatches(given: string, token: string): boolean {
  const raw = Buffer.from(token, "base64url");
  const masked = Buffer.from(given.slice(0, 200), "base64url");
  if (masked.length !== raw.length * 2) return false;
  const unmasked = Buffer.from(raw.map((_, i) => masked[i]! ^ masked[i + raw.length]!));
  return timingSafeEqual(unmasked, raw);
}

function forbidden(c: PanelContext) {
  return errorPage(c, 403, "panel.error.csrf");
}

/** A short page saying what went wrong, in the operator's language. */
export function errorPage(c: Context, status: 400 | 403 | 404 | 413, key: string) {
  const t = (c.get("t") as Translate | undefined) ?? translator(DEFAULT_LOCALE);
  const locale = (c.get("locale") as string | undefined) ?? DEFAULT_LOCALE;
  return c.html(
    layout({
      locale,
      t,
      title: t("error.title"),
      body: html`<h1>${t("error.title")}</h1><p>${t(key)}</p><p><a href="/admin">${t("panel.title")}</a></p>`,
    }),
    status,
  );
}

/** Loads the operator of the session cookie; without one, sends the browser to the sign-in page. */
export function requireOperator(services: Runtime): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await findSession(services.database.db, token) : undefined;
    if (!found) {
      if (c.req.method === "GET") return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
      return c.redirect("/admin/login", 303);
    }
    const waiting = await countInquiries(services.database.db);
    c.set("operator", { ...found.operator, newInquiries: waiting.new });
    c.set("session", found.session);
    await next();
  };
}

export function requireAdmin(): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    if (c.get("operator").role !== "admin") return errorPage(c, 403, "panel.error.adminOnly");
    await next();
  };
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only local paths are followed after sign-in, never another site. */
export const safeNext = (next: string | undefined) => (next && /^\/admin(\/[\w\-/]*)?$/.test(next) ? next : "/admin");
