// The page a password reset link opens (links come from `commonhost account reset`).
import { html } from "hono/html";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, textField, type Errors } from "./forms.ts";

export function resetView(p: {
  t: Translate;
  csrf: string;
  errors: Errors;
  code: string;
  username: string;
  askTotp: boolean;
  message?: string | undefined;
}) {
  const { t } = p;
  return html`<h1>${t("panel.reset.title")}</h1>
<p>${t("panel.reset.intro", { username: p.username })}</p>
${p.message ? html`<p class="error" role="alert">${p.message}</p>` : ""}
${errorSummary(t, p.errors, { password: t("panel.reset.newPassword"), totp: t("panel.field.totp") })}
<form method="post" action="/admin/reset">${csrfField(p.csrf)}<input type="hidden" name="code" value="${p.code}">
<input type="hidden" name="username" value="${p.username}" autocomplete="username">
${textField({ name: "password", label: t("panel.reset.newPassword"), hint: t("panel.hint.password"), type: "password", error: p.errors.password, required: true, autocomplete: "new-password" })}
${p.askTotp ? textField({ name: "totp", label: t("panel.field.totp"), hint: t("panel.reset.totpHint"), error: p.errors.totp, required: true, autocomplete: "one-time-code" }) : ""}
<p><button type="submit" name="_action" value="reset">${t("panel.reset.submit")}</button></p></form>`;
}

export function resetInvalidView(t: Translate) {
  return html`<h1>${t("panel.reset.title")}</h1><p>${t("panel.reset.invalid")}</p>`;
}
