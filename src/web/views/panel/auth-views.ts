import { html } from "hono/html";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, textField, type Errors } from "./forms.ts";

type Common = {
  t: Translate;
  csrf: string;
  errors: Errors;
  values: Record<string, string>;
  message?: string | undefined;
};

const credentialFields = (p: Common, passwordAutocomplete: string) => html`
${textField({ name: "username", label: p.t("panel.field.username"), hint: p.t("panel.hint.username"), value: p.values.username, error: p.errors.username, required: true, autocomplete: "username" })}
${textField({ name: "password", label: p.t("panel.field.password"), hint: p.t("panel.hint.password"), type: "password", error: p.errors.password, required: true, autocomplete: passwordAutocomplete })}`;

/** The credential fields' labels, in form order, for the error summary. */
const credentialLabels = (t: Translate) => ({
  username: t("panel.field.username"),
  password: t("panel.field.password"),
});

export function setupView(p: Common & { code: string; needsProvider: boolean }) {
  const { t } = p;
  const labels = {
    ...(p.needsProvider ? { handle: t("panel.field.handle"), name: t("panel.field.providerName") } : {}),
    ...credentialLabels(t),
  };
  return html`<h1>${t("panel.setup.title")}</h1>
<p>${t(p.needsProvider ? "panel.setup.intro" : "panel.setup.introAccountOnly")}</p>
${errorSummary(t, p.errors, labels)}
<form method="post" action="/admin/setup">${csrfField(p.csrf)}<input type="hidden" name="code" value="${p.code}">
${
  p.needsProvider
    ? html`<fieldset><legend>${t("panel.setup.provider")}</legend>
${textField({ name: "handle", label: t("panel.field.handle"), hint: t("panel.hint.handle"), value: p.values.handle, error: p.errors.handle, required: true })}
${textField({ name: "name", label: t("panel.field.providerName"), value: p.values.name, error: p.errors.name, required: true })}</fieldset>`
    : ""
}
<fieldset><legend>${t("panel.setup.account")}</legend>${credentialFields(p, "new-password")}</fieldset>
<p><button type="submit" name="_action" value="setup">${t("panel.setup.submit")}</button></p></form>`;
}

export function setupInvalidView(t: Translate) {
  return html`<h1>${t("panel.setup.title")}</h1><p>${t("panel.setup.invalid")}</p>`;
}

export function loginView(p: Common & { next: string }) {
  const { t } = p;
  return html`<h1>${t("panel.login.title")}</h1>
${p.message ? html`<p class="error" role="alert">${p.message}</p>` : ""}
<form method="post" action="/admin/login">${csrfField(p.csrf)}<input type="hidden" name="next" value="${p.next}">
${textField({ name: "username", label: t("panel.field.username"), value: p.values.username, required: true, autocomplete: "username" })}
${textField({ name: "password", label: t("panel.field.password"), type: "password", required: true, autocomplete: "current-password" })}
${textField({ name: "code", label: t("panel.field.totp"), hint: t("panel.hint.totpLogin"), error: p.errors.code, autocomplete: "one-time-code", attrs: "" })}
<p><button type="submit" name="_action" value="login">${t("panel.login.submit")}</button></p></form>`;
}

export function inviteView(p: Common & { code: string; role: string }) {
  const { t } = p;
  return html`<h1>${t("panel.invite.title")}</h1>
<p>${t("panel.invite.intro", { role: t(`panel.role.as.${p.role}`) })}</p>
${errorSummary(t, p.errors, credentialLabels(t))}
<form method="post" action="/admin/invite">${csrfField(p.csrf)}<input type="hidden" name="code" value="${p.code}">
${credentialFields(p, "new-password")}
<p><button type="submit" name="_action" value="join">${t("panel.invite.submit")}</button></p></form>`;
}

export function inviteInvalidView(t: Translate) {
  return html`<h1>${t("panel.invite.title")}</h1><p>${t("panel.invite.invalid")}</p>`;
}
