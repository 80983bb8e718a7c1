// First-run setup, sign-in and sign-out, and joining by invitation.
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { authenticate, checkSetupCode, completeSetup, countOperators } from "../../domain/accounts/accounts.ts";
import { acceptInvite, findValidInvite } from "../../domain/accounts/invites.ts";
import { createSession, findSession, revokeSession } from "../../domain/accounts/sessions.ts";
import { findProvider } from "../../domain/provider/provider.ts";
import { clientAddress } from "../client-address.ts";
import type { WebDeps } from "../deps.ts";
import { inviteInvalidView, inviteView, loginView, setupInvalidView, setupView } from "../views/panel/auth-views.ts";
import type { Failure } from "../../domain/validation.ts";
import { fieldTexts } from "../errors.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import {
  clearSessionCookie,
  field,
  formOf,
  safeNext,
  SESSION_COOKIE,
  setSessionCookie,
  type PanelContext,
  type PanelEnv,
} from "./guard.ts";

const translateFields = (c: PanelContext, fields: Failure["fields"]) => fieldTexts(c.get("t"), fields);

export function authRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  // The language switch comes back to the same link, code included.
  const page = (
    c: PanelContext,
    title: string,
    body: Parameters<typeof panelPage>[2],
    status: 200 | 400 | 403 | 422 | 429 = 200,
    code?: string,
  ) =>
    c.html(
      panelPage(
        {
          locale: c.get("locale"),
          t: c.get("t"),
          path: code ? `${c.req.path}?code=${encodeURIComponent(code)}` : c.req.path,
          csrf: c.get("csrf"),
        },
        title,
        body,
      ),
      status,
    );

  app.get("/setup", async (c) => {
    const t = c.get("t");
    const code = c.req.query("code") ?? "";
    if (!(await checkSetupCode(db, code))) return page(c, t("panel.setup.title"), setupInvalidView(t), 403);
    const needsProvider = !(await findProvider(db));
    return page(
      c,
      t("panel.setup.title"),
      setupView({ t, csrf: c.get("csrf"), errors: {}, values: {}, code, needsProvider }),
      200,
      code,
    );
  });

  app.post("/setup", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const code = field(form, "code");
    const input = {
      code,
      username: field(form, "username"),
      password: field(form, "password"),
      handle: field(form, "handle").trim(),
      name: field(form, "name"),
    };
    const result = await completeSetup(db, input);
    if (!result.ok) {
      if (result.error.code === "forbidden") return page(c, t("panel.setup.title"), setupInvalidView(t), 403);
      const needsProvider = !(await findProvider(db));
      const values = { username: input.username, handle: input.handle, name: input.name };
      return page(
        c,
        t("panel.setup.title"),
        setupView({
          t,
          csrf: c.get("csrf"),
          errors: translateFields(c, result.error.fields),
          values,
          code,
          needsProvider,
        }),
        422,
        code,
      );
    }
    services.logger.info(
      { operator: result.value.username },
      "first operator account created; the setup link is spent",
    );
    const { token } = await createSession(db, result.value.id, c.req.header("user-agent"));
    setSessionCookie(c, services, token);
    return c.redirect("/admin/profile?done=welcome", 303);
  });

  app.get("/login", async (c) => {
    const t = c.get("t");
    if ((await countOperators(db)) === 0) return page(c, t("panel.login.title"), setupInvalidView(t));
    return page(
      c,
      t("panel.login.title"),
      loginView({ t, csrf: c.get("csrf"), errors: {}, values: {}, next: safeNext(c.req.query("next")) }),
    );
  });

  app.post("/login", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const username = field(form, "username");
    const next = safeNext(field(form, "next"));
    const result = await authenticate(db, {
      username,
      password: field(form, "password"),
      code: field(form, "code"),
      address: clientAddress(c, services),
    });
    if (!result.ok) {
      const limited = result.error.code === "rate_limited";
      const message = t(
        limited ? "panel.login.rateLimited" : result.error.fields?.code ? "panel.login.totpWrong" : "panel.login.wrong",
      );
      if (limited) {
        c.header("Retry-After", "900");
        // Not the typed username: people sometimes type their password there.
        services.logger.warn({ address: clientAddress(c, services) }, "sign-in refused: too many failures");
      }
      return page(
        c,
        t("panel.login.title"),
        loginView({ t, csrf: c.get("csrf"), errors: {}, values: { username }, message, next }),
        limited ? 429 : 403,
      );
    }
    const { token } = await createSession(db, result.value.id, c.req.header("user-agent"));
    setSessionCookie(c, services, token);
    return c.redirect(next, 303);
  });

  app.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await findSession(db, token) : undefined;
    if (found) await revokeSession(db, found.operator.id, found.session.id);
    clearSessionCookie(c);
    return c.redirect("/admin/login", 303);
  });

  app.get("/invite", async (c) => {
    const t = c.get("t");
    const code = c.req.query("code") ?? "";
    const invite = await findValidInvite(db, code);
    if (!invite) return page(c, t("panel.invite.title"), inviteInvalidView(t), 403);
    return page(
      c,
      t("panel.invite.title"),
      inviteView({ t, csrf: c.get("csrf"), errors: {}, values: {}, code, role: invite.role }),
      200,
      code,
    );
  });

  app.post("/invite", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const code = field(form, "code");
    const invite = await findValidInvite(db, code);
    if (!invite) return page(c, t("panel.invite.title"), inviteInvalidView(t), 403);
    const result = await acceptInvite(db, code, {
      username: field(form, "username"),
      password: field(form, "password"),
    });
    if (!result.ok) {
      if (result.error.code === "forbidden") return page(c, t("panel.invite.title"), inviteInvalidView(t), 403);
      return page(
        c,
        t("panel.invite.title"),
        inviteView({
          t,
          csrf: c.get("csrf"),
          errors: translateFields(c, result.error.fields),
          values: { username: field(form, "username") },
          code,
          role: invite.role,
        }),
        422,
        code,
      );
    }
    const { token } = await createSession(db, result.value.id, c.req.header("user-agent"));
    setSessionCookie(c, services, token);
    return c.redirect("/admin?done=joined", 303);
  });

  return app;
}
