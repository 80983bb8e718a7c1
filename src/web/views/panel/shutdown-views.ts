// The closing-down panel page: the current notice (with its withdrawal), the form to announce one, and
// the requests of closing providers that want this provider as their successor, to accept or reject.
import { html } from "hono/html";
import type { ShutdownNotice } from "../../../domain/shutdown/shutdown.ts";
import type { SuccessionRequest } from "../../../domain/shutdown/successions.ts";
import { formatDate } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, type Errors, errorSummary, notice, textArea, textField } from "./forms.ts";

export function shutdownPage(p: {
  t: Translate;
  locale: string;
  csrf: string;
  notice: ShutdownNotice | undefined;
  successions: SuccessionRequest[];
  values: Record<string, string>;
  errors: Errors;
  done?: string | undefined;
}) {
  const { t, values, errors } = p;
  const n = p.notice;
  const labels = {
    effective: t("panel.shutdown.field.effective"),
    successor: t("panel.shutdown.field.successor"),
    message: t("panel.shutdown.field.message"),
  };
  const current = n
    ? html`<p>${t("panel.shutdown.current", { date: formatDate(p.locale, n.effective), successor: n.successorHandle ?? n.successorUri })}</p>
<p>${t(`panel.shutdown.state.${n.state}`)} · ${t(`panel.shutdown.consent.${n.consent}`)}</p>
${n.state === "standing" ? html`<form method="post" action="/admin/shutdown/withdraw">${csrfField(p.csrf)}<button type="submit">${t("panel.shutdown.withdraw")}</button></form>` : ""}`
    : html`<p>${t("panel.shutdown.noNotice")}</p>`;
  const announce =
    n?.state === "standing"
      ? ""
      : html`<h2 id="announce">${t("panel.shutdown.announce")}</h2>${errorSummary(t, errors, labels)}
<form method="post" action="/admin/shutdown">${csrfField(p.csrf)}
${textField({ name: "effective", label: labels.effective, type: "date", value: values.effective, error: errors.effective, required: true })}
${textField({ name: "successor", label: labels.successor, hint: t("panel.shutdown.hint.successor"), value: values.successor, error: errors.successor, required: true })}
${textArea({ name: "message", label: labels.message, hint: t("panel.shutdown.hint.message"), value: values.message, error: errors.message, rows: 4 })}
<p><button type="submit" class="primary">${t("panel.shutdown.announceButton")}</button></p></form>`;
  const request = (
    s: SuccessionRequest,
  ) => html`<li><p><strong>${s.predecessorName ?? s.predecessorHandle ?? s.predecessorUri}</strong> · ${t("panel.shutdown.closingOn", { date: formatDate(p.locale, s.effective) })} · ${t(`panel.shutdown.request.${s.state}`)}</p>
${s.message ? html`<p>${s.message}</p>` : ""}
${s.state === "pending" ? html`<form method="post" action="/admin/shutdown/successions/${s.key}/accept" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.shutdown.accept")}</button></form> <form method="post" action="/admin/shutdown/successions/${s.key}/reject" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.shutdown.reject")}</button></form>` : ""}</li>`;
  return html`<h1>${t("panel.shutdown.title")}</h1>${notice(p.done)}
<p>${t("panel.shutdown.intro")}</p>${current}${announce}
<h2>${t("panel.shutdown.successions")}</h2>
${p.successions.length ? html`<ul>${p.successions.map(request)}</ul>` : html`<p>${t("panel.shutdown.noSuccessions")}</p>`}`;
}
