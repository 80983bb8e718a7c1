// Accounts from the panel: operators and invitations and API tokens (admins), and one's own account.
import { Hono } from "hono";
import {
  changePassword,
  disableTotp,
  enableTotp,
  listOperators,
  removeOperator,
  roles,
  setRole,
  type Role,
} from "../../domain/accounts/accounts.ts";
import { createInvite, listOpenInvites, revokeInvite } from "../../domain/accounts/invites.ts";
import { listSessions, revokeAllSessions, revokeSession } from "../../domain/accounts/sessions.ts";
import { generateTotpSecret, otpauthUri } from "../../domain/accounts/totp.ts";
import { createToken, listTokens, revokeToken } from "../../domain/tokens/tokens.ts";
import type { WebDeps } from "../deps.ts";
import { accountView, operatorsView, tokensView } from "../views/panel/account-views.ts";
import type { Failure } from "../../domain/validation.ts";
import { fieldText, fieldTexts } from "../errors.ts";
import { confirmPage } from "./confirm.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import type { FlashStore } from "./flash.ts";
import {
  errorPage,
  field,
  formOf,
  requireAdmin,
  requireOperator,
  uuidPattern,
  type PanelContext,
  type PanelEnv,
} from "./guard.ts";

const doneOf = (c: PanelContext, allowed: string[]) => {
  const done = c.req.query("done");
  return done && allowed.includes(done) ? c.get("t")(`panel.done.${done}`) : undefined;
};
const pageCtx = (c: PanelContext, path: string) => ({
  locale: c.get("locale"),
  t: c.get("t"),
  path,
  csrf: c.get("csrf"),
  operator: c.get("operator"),
});
const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r);

export function operatorRoutes(deps: WebDeps, flash: FlashStore) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  app.use("*", requireOperator(services), requireAdmin());

  const render = async (c: PanelContext, extra: { newLink?: string; error?: string } = {}, status: 200 | 409 = 200) => {
    const t = c.get("t");
    const [operators, invites] = await Promise.all([listOperators(db), listOpenInvites(db)]);
    const newLink = flash.take(c.get("session").id, c.req.query("created"));
    const body = operatorsView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      me: c.get("operator"),
      operators,
      invites,
      done: doneOf(c, ["role", "removed", "revoked"]),
      ...(newLink ? { newLink } : {}),
      ...extra,
    });
    return c.html(panelPage(pageCtx(c, "/admin/operators"), t("panel.operators.title"), body), status);
  };

  app.get("/", (c) => render(c));

  app.post("/invite", async (c) => {
    const role = field(await formOf(c), "role");
    if (!isRole(role)) return errorPage(c, 400, "panel.error.invalid");
    const { secret } = await createInvite(db, { role, createdBy: c.get("operator").id });
    services.logger.info({ operator: c.get("operator").username, role }, "operator invitation created");
    // Post/redirect/get: the link is shown once by the GET that follows (a reload shows nothing and
    // creates nothing), and kept until then only in this process's memory.
    const id = flash.put(c.get("session").id, `${services.config.origin}/admin/invite?code=${secret}`);
    return c.redirect(`/admin/operators?created=${id}#invite-link`, 303);
  });

  const operatorOf = async (id: string) =>
    uuidPattern.test(id) ? (await listOperators(db)).find((o) => o.id === id) : undefined;

  app.get("/invites/:id/revoke", async (c) => {
    const t = c.get("t");
    const invite = (await listOpenInvites(db)).find((i) => i.id === c.req.param("id"));
    if (!invite) return c.notFound();
    return confirmPage(c, {
      back: "/admin/operators",
      title: t("panel.confirm.revokeInvite.title"),
      consequences: [t("panel.confirm.revokeInvite.what", { role: t(`panel.role.${invite.role}`) })],
      submitLabel: t("panel.revoke"),
    });
  });

  app.post("/invites/:id/revoke", async (c) => {
    if (uuidPattern.test(c.req.param("id"))) await revokeInvite(db, c.req.param("id"));
    return c.redirect("/admin/operators?done=revoked", 303);
  });

  app.post("/:id/role", async (c) => {
    const id = c.req.param("id");
    const role = field(await formOf(c), "role");
    if (!uuidPattern.test(id) || !isRole(role)) return c.notFound();
    const result = await setRole(db, id, role);
    if (!result.ok)
      return render(c, { error: fieldText(c.get("t"), result.error.fields?.role ?? { code: "invalid" }) }, 409);
    return c.redirect("/admin/operators?done=role", 303);
  });

  app.get("/:id/remove", async (c) => {
    const t = c.get("t");
    const operator = await operatorOf(c.req.param("id"));
    if (!operator || operator.id === c.get("operator").id) return c.notFound();
    return confirmPage(c, {
      back: "/admin/operators",
      title: t("panel.confirm.removeOperator.title", { name: operator.username }),
      consequences: [t("panel.confirm.removeOperator.what", { name: operator.username })],
      submitLabel: t("panel.operators.remove", { name: operator.username }),
    });
  });

  app.post("/:id/remove", async (c) => {
    const id = c.req.param("id");
    if (!uuidPattern.test(id)) return c.notFound();
    const result = await removeOperator(db, id);
    if (!result.ok)
      return render(c, { error: fieldText(c.get("t"), result.error.fields?.role ?? { code: "invalid" }) }, 409);
    return c.redirect("/admin/operators?done=removed", 303);
  });

  return app;
}

export function tokenRoutes(deps: WebDeps, flash: FlashStore) {
  const app = new Hono<PanelEnv>();
  const db = deps.services.database.db;
  app.use("*", requireOperator(deps.services), requireAdmin());

  const render = async (
    c: PanelContext,
    extra: { newToken?: string; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const t = c.get("t");
    const body = tokensView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      tokens: await listTokens(db),
      errors: extra.errors ?? {},
      newToken: extra.newToken ?? flash.take(c.get("session").id, c.req.query("created")),
      done: doneOf(c, ["revoked"]),
    });
    return c.html(panelPage(pageCtx(c, "/admin/tokens"), t("panel.tokens.title"), body), status);
  };
  app.get("/", (c) => render(c));
  app.post("/", async (c) => {
    const result = await createToken(db, field(await formOf(c), "name"));
    if (!result.ok) return render(c, { errors: fieldTexts(c.get("t"), result.error.fields) }, 422);
    // Post/redirect/get, the token shown once by the GET (see the invitations above).
    return c.redirect(`/admin/tokens?created=${flash.put(c.get("session").id, result.value.token)}#new-token`, 303);
  });
  app.get("/:id/revoke", async (c) => {
    const t = c.get("t");
    const token = (await listTokens(db)).find((tk) => tk.id === c.req.param("id") && !tk.revokedAt);
    if (!token) return c.notFound();
    return confirmPage(c, {
      back: "/admin/tokens",
      title: t("panel.confirm.revokeToken.title", { name: token.name }),
      consequences: [t("panel.confirm.revokeToken.what", { name: token.name })],
      submitLabel: t("panel.revoke"),
    });
  });
  app.post("/:id/revoke", async (c) => {
    if (uuidPattern.test(c.req.param("id"))) await revokeToken(db, c.req.param("id"));
    return c.redirect("/admin/tokens?done=revoked", 303);
  });
  return app;
}

export function accountRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const db = deps.services.database.db;
  app.use("*", requireOperator(deps.services));

  const render = async (
    c: PanelContext,
    extra: { errors?: Record<string, string>; totpSetup?: { secret: string; uri: string } } = {},
    status: 200 | 422 = 200,
  ) => {
    const t = c.get("t");
    const me = c.get("operator");
    const body = accountView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      me,
      current: c.get("session"),
      sessions: await listSessions(db, me.id),
      errors: extra.errors ?? {},
      totpSetup: extra.totpSetup,
      done: doneOf(c, ["password", "reset", "signedOut", "totpOn", "totpOff", "revoked"]),
    });
    return c.html(panelPage(pageCtx(c, "/admin/account"), t("panel.account.title"), body), status);
  };
  const translated = (c: PanelContext, fields: Failure["fields"]) => fieldTexts(c.get("t"), fields);

  app.get("/", (c) => render(c));

  app.post("/password", async (c) => {
    const form = await formOf(c);
    const me = c.get("operator");
    const result = await changePassword(db, me.id, field(form, "current"), field(form, "password"));
    if (!result.ok) return render(c, { errors: translated(c, result.error.fields) }, 422);
    // A new password ends every other session: whoever knew the old one is signed out.
    await revokeAllSessions(db, me.id, c.get("session").id);
    return c.redirect("/admin/account?done=password", 303);
  });

  app.post("/sessions/revoke-all", async (c) => {
    await revokeAllSessions(db, c.get("operator").id, c.get("session").id);
    return c.redirect("/admin/account?done=signedOut", 303);
  });

  app.post("/sessions/:id/revoke", async (c) => {
    if (uuidPattern.test(c.req.param("id"))) await revokeSession(db, c.get("operator").id, c.req.param("id"));
    return c.redirect("/admin/account?done=revoked", 303);
  });

  const issuer = new URL(deps.services.config.origin).host;
  app.post("/totp/start", (c) => {
    const secret = generateTotpSecret();
    return render(c, { totpSetup: { secret, uri: otpauthUri(secret, c.get("operator").username, issuer) } });
  });

  app.post("/totp/enable", async (c) => {
    const form = await formOf(c);
    const secret = field(form, "secret");
    if (!/^[A-Z2-7]{32}$/.test(secret)) return errorPage(c, 400, "panel.error.invalid");
    const result = await enableTotp(db, c.get("operator").id, secret, field(form, "code"));
    if (!result.ok)
      return render(
        c,
        {
          errors: translated(c, result.error.fields),
          totpSetup: { secret, uri: otpauthUri(secret, c.get("operator").username, issuer) },
        },
        422,
      );
    return c.redirect("/admin/account?done=totpOn", 303);
  });

  app.post("/totp/disable", async (c) => {
    const result = await disableTotp(db, c.get("operator").id, field(await formOf(c), "current"));
    if (!result.ok) return render(c, { errors: translated(c, result.error.fields) }, 422);
    return c.redirect("/admin/account?done=totpOff", 303);
  });

  return app;
}
