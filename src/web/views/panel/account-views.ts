import { html } from "hono/html";
import type { Invite } from "../../../domain/accounts/invites.ts";
import type { Operator, OperatorSession } from "../../../domain/accounts/sessions.ts";
import type { ApiToken } from "../../../domain/tokens/tokens.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, notice, secretBox, selectField, textField, type Errors } from "./forms.ts";

const when = (d: Date, locale: string) => formatDateTime(locale, d);

export function operatorsView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  me: Operator;
  operators: Operator[];
  invites: Invite[];
  newLink?: string | undefined;
  done?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = p;
  const roleOptions = ["admin", "editor"].map((r) => ({ value: r, label: t(`panel.role.${r}`) }));
  return html`<h1>${t("panel.operators.title")}</h1>${notice(p.done)}${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
${p.newLink ? secretBox({ id: "invite-link", intro: t("panel.operators.linkCreated"), label: t("panel.operators.link"), value: p.newLink }) : ""}
<p>${t("panel.operators.roles")}</p>
<table class="reflow"><caption>${t("panel.operators.list")}</caption><thead><tr><th scope="col">${t("panel.field.username")}</th><th scope="col">${t("panel.operators.role")}</th><th scope="col">${t("panel.operators.since")}</th><th scope="col"><span class="visually-hidden">${t("panel.actions")}</span></th></tr></thead><tbody>
${p.operators.map(
  (
    o,
  ) => html`<tr><td data-label="${t("panel.field.username")}">${o.username}${o.id === p.me.id ? html` <small>(${t("panel.operators.you")})</small>` : ""}</td>
<td data-label="${t("panel.operators.role")}"><form method="post" action="/admin/operators/${o.id}/role" class="role-form">${csrfField(p.csrf)}${selectField({ name: "role", id: `f-role-${o.id}`, hideLabel: true, label: t("panel.operators.roleOf", { name: o.username }), value: o.role, options: roleOptions })}<button type="submit">${t("panel.operators.changeRole")}</button></form></td>
<td data-label="${t("panel.operators.since")}">${when(o.createdAt, p.locale)}</td>
<td>${o.id === p.me.id ? "" : html`<a href="/admin/operators/${o.id}/remove" class="button">${t("panel.operators.remove", { name: o.username })}</a>`}</td></tr>`,
)}</tbody></table>
<section aria-labelledby="invite-title"><h2 id="invite-title">${t("panel.operators.invite")}</h2><p>${t("panel.operators.inviteIntro")}</p>
<form method="post" action="/admin/operators/invite">${csrfField(p.csrf)}${selectField({ name: "role", id: "f-invite-role", label: t("panel.operators.role"), value: "editor", options: roleOptions })}
<p><button type="submit" name="_action" value="invite">${t("panel.operators.createLink")}</button></p></form>
${
  p.invites.length
    ? html`<h3>${t("panel.operators.openInvites")}</h3><ul>${p.invites.map(
        (
          i,
        ) => html`<li>${t(`panel.role.${i.role}`)} · ${t("panel.operators.expires", { date: when(i.expiresAt, p.locale) })}
<a href="/admin/operators/invites/${i.id}/revoke" class="button">${t("panel.revoke")}</a></li>`,
      )}</ul>`
    : ""
}</section>`;
}

export function tokensView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  tokens: ApiToken[];
  newToken?: string | undefined;
  errors: Errors;
  done?: string | undefined;
}) {
  const { t } = p;
  return html`<h1>${t("panel.tokens.title")}</h1>${notice(p.done)}<p>${t("panel.tokens.intro")}</p>
${p.newToken ? secretBox({ id: "new-token", intro: t("panel.tokens.created"), label: t("panel.tokens.token"), value: p.newToken }) : ""}
${errorSummary(t, p.errors, { name: t("panel.tokens.name") })}
<form method="post" action="/admin/tokens">${csrfField(p.csrf)}${textField({ name: "name", label: t("panel.tokens.name"), error: p.errors.name, required: true })}
<p><button type="submit" name="_action" value="create">${t("panel.tokens.create")}</button></p></form>
<ul>${p.tokens.map(
    (
      tk,
    ) => html`<li><strong>${tk.name}</strong> <code>${tk.prefix}…</code> · ${t("panel.tokens.createdAt", { date: when(tk.createdAt, p.locale) })} ·
${
  tk.revokedAt
    ? t("panel.tokens.revoked")
    : html`${t("panel.tokens.lastUsed", { date: tk.lastUsedAt ? when(tk.lastUsedAt, p.locale) : t("panel.never") })}
<a href="/admin/tokens/${tk.id}/revoke" class="button">${t("panel.revoke")}</a>`
}</li>`,
  )}</ul>`;
}

export function accountView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  me: Operator;
  current: OperatorSession;
  sessions: OperatorSession[];
  errors: Errors;
  done?: string | undefined;
  totpSetup?: { secret: string; uri: string } | undefined;
}) {
  const { t, errors: e } = p;
  const labels = {
    current: t("panel.field.currentPassword"),
    password: t("panel.field.newPassword"),
    code: t("panel.field.totp"),
  };
  return html`<h1>${t("panel.account.title")}</h1>${notice(p.done)}${errorSummary(t, e, labels)}
<p>${t("panel.account.signedInAs", { name: p.me.username, role: t(`panel.role.${p.me.role}`) })}</p>
<section aria-labelledby="password-title"><h2 id="password-title">${t("panel.account.changePassword")}</h2>
<form method="post" action="/admin/account/password">${csrfField(p.csrf)}
${textField({ name: "current", label: t("panel.field.currentPassword"), type: "password", error: e.current, autocomplete: "current-password", required: true })}
${textField({ name: "password", label: t("panel.field.newPassword"), hint: t("panel.hint.password"), type: "password", error: e.password, autocomplete: "new-password", required: true })}
<p><button type="submit">${t("panel.account.changePassword")}</button></p></form></section>
<section aria-labelledby="totp-title"><h2 id="totp-title">${t("panel.account.totp")}</h2>
${
  p.me.totpSecret
    ? html`<p>${t("panel.account.totpOn")}</p><form method="post" action="/admin/account/totp/disable">${csrfField(p.csrf)}
${textField({ name: "current", label: t("panel.field.currentPassword"), type: "password", autocomplete: "current-password", required: true })}<p><button type="submit">${t("panel.account.totpDisable")}</button></p></form>`
    : p.totpSetup
      ? html`<p>${t("panel.account.totpSetup")}</p><p><label for="totp-secret">${t("panel.account.totpSecret")}</label><input id="totp-secret" readonly value="${p.totpSetup.secret}" class="wide"></p>
<p><small>${p.totpSetup.uri}</small></p>
<form method="post" action="/admin/account/totp/enable">${csrfField(p.csrf)}<input type="hidden" name="secret" value="${p.totpSetup.secret}">
${textField({ name: "code", label: t("panel.field.totp"), error: e.code, autocomplete: "one-time-code", required: true })}<p><button type="submit">${t("panel.account.totpConfirm")}</button></p></form>`
      : html`<p>${t("panel.account.totpOff")}</p><form method="post" action="/admin/account/totp/start">${csrfField(p.csrf)}<button type="submit">${t("panel.account.totpStart")}</button></form>`
}</section>
<section aria-labelledby="sessions-title"><h2 id="sessions-title">${t("panel.account.sessions")}</h2><ul>
${p.sessions.map(
  (
    s,
  ) => html`<li>${s.userAgent ?? t("panel.account.unknownDevice")} · ${t("panel.account.lastSeen", { date: when(s.lastSeenAt, p.locale) })} · ${t("panel.account.expires", { date: when(s.expiresAt, p.locale) })}
${s.id === p.current.id ? html` <strong>(${t("panel.account.thisSession")})</strong>` : html`<form method="post" action="/admin/account/sessions/${s.id}/revoke" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.revoke")}</button></form>`}</li>`,
)}</ul>
<form method="post" action="/admin/account/sessions/revoke-all">${csrfField(p.csrf)}<button type="submit">${t("panel.account.signOutEverywhere")}</button></form></section>`;
}
