// /admin/reset?code=…: the one-time link from `commonhost account reset` to choose a new password.
import { Hono } from "hono";
import { completePasswordReset, findPasswordReset } from "../../domain/accounts/password-reset.ts";
import { createSession } from "../../domain/accounts/sessions.ts";
import { clientAddress } from "../client-address.ts";
import type { WebDeps } from "../deps.ts";
import { fieldText } from "../errors.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { resetInvalidView, resetView } from "../views/panel/reset-views.ts";
import { field, formOf, setSessionCookie, type PanelContext, type PanelEnv } from "./guard.ts";

export function resetRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  // The language switch comes back to the same link, code included.
  const page = (c: PanelContext, body: Parameters<typeof panelPage>[2], status: 200 | 403 | 422 | 429, code?: string) =>
    c.html(
      panelPage(
        {
          locale: c.get("locale"),
          t: c.get("t"),
          path: code ? `${c.req.path}?code=${encodeURIComponent(code)}` : c.req.path,
          csrf: c.get("csrf"),
        },
        c.get("t")("panel.reset.title"),
        body,
      ),
      status,
    );

  app.get("/", async (c) => {
    const t = c.get("t");
    const code = c.req.query("code") ?? "";
    const reset = await findPasswordReset(db, code);
    if (!reset) return page(c, resetInvalidView(t), 403);
    const askTotp = reset.operator.totpSecret !== null && !reset.disableTotp;
    return page(
      c,
      resetView({ t, csrf: c.get("csrf"), errors: {}, code, username: reset.operator.username, askTotp }),
      200,
      code,
    );
  });

  app.post("/", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const code = field(form, "code");
    const reset = await findPasswordReset(db, code);
    if (!reset) return page(c, resetInvalidView(t), 403);
    const address = clientAddress(c, services);
    const result = await completePasswordReset(db, code, {
      password: field(form, "password"),
      code: field(form, "totp"),
      address,
    });
    if (!result.ok) {
      if (result.error.code === "forbidden") return page(c, resetInvalidView(t), 403);
      const limited = result.error.code === "rate_limited";
      if (limited) c.header("Retry-After", "900");
      // The form's code field is "totp": "code" is the link's own.
      const errors = Object.fromEntries(
        Object.entries(result.error.fields ?? {}).map(([k, v]) => [k === "code" ? "totp" : k, fieldText(t, v)]),
      );
      const askTotp = reset.operator.totpSecret !== null && !reset.disableTotp;
      const view = resetView({
        t,
        csrf: c.get("csrf"),
        errors,
        code,
        username: reset.operator.username,
        askTotp,
        message: limited ? t("panel.login.rateLimited") : undefined,
      });
      return page(c, view, limited ? 429 : 422, code);
    }
    services.logger.info(
      { operator: result.value.username, totpOff: reset.disableTotp },
      "password reset through a one-time link; the account's sessions were signed out",
    );
    const { token } = await createSession(db, result.value.id, c.req.header("user-agent"));
    setSessionCookie(c, services, token);
    return c.redirect("/admin/account?done=reset", 303);
  });

  return app;
}
