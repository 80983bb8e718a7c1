// The emergencies panel page: the list (own and received, open and resolved, with a resolve button for
// our open ones) and the form to declare one, for this provider or on behalf of a fellow member.
import { html } from "hono/html";
import type { Emergency } from "../../../domain/emergencies/emergencies.ts";
import { EMERGENCY_KINDS } from "../../../domain/emergencies/rules.ts";
import { formatDate } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, type Errors, errorSummary, notice, selectField, textArea, textField } from "./forms.ts";

export function emergenciesPage(p: {
  t: Translate;
  locale: string;
  csrf: string;
  emergencies: Emergency[];
  values: Record<string, string>;
  errors: Errors;
  done?: string | undefined;
}) {
  const { t, values, errors } = p;
  const labels = {
    kind: t("panel.emergencies.field.kind"),
    summary: t("panel.emergencies.field.summary"),
    needs: t("panel.emergencies.field.needs"),
    onBehalfOf: t("panel.emergencies.field.onBehalfOf"),
  };
  const kinds = EMERGENCY_KINDS.map((k) => ({ value: k, label: t(`emergencies.kind.${k}`) }));
  const item = (
    e: Emergency,
  ) => html`<li class="emergency"><p><strong>${t(`emergencies.kind.${e.kind}`)}: ${e.summary}</strong></p>
<p>${t(`panel.emergencies.state.${e.state}`)} · ${formatDate(p.locale, e.openedAt)}${e.onBehalf ? html` · ${t("emergencies.onBehalf", { subject: e.subject, by: e.declaredBy })}` : e.local ? "" : html` · ${e.declaredBy}`}</p>
${e.local && e.state === "open" ? html`<form method="post" action="/admin/emergencies/${e.key}/resolve" class="inline">${csrfField(p.csrf)}<button type="submit">${t("panel.emergencies.resolve")}</button></form>` : ""}</li>`;
  return html`<h1>${t("panel.emergencies.title")}</h1>${notice(p.done)}
<p>${t("panel.emergencies.intro")}</p>
${p.emergencies.length ? html`<ul class="emergencies">${p.emergencies.map(item)}</ul>` : html`<p>${t("panel.emergencies.none")}</p>`}
<h2 id="declare">${t("panel.emergencies.declare")}</h2>${errorSummary(t, errors, labels)}
<form method="post" action="/admin/emergencies">${csrfField(p.csrf)}
${selectField({ name: "kind", label: labels.kind, options: kinds, value: values.kind, error: errors.kind })}
${textField({ name: "summary", label: labels.summary, value: values.summary, error: errors.summary, required: true })}
${textArea({ name: "needs", label: labels.needs, hint: t("panel.emergencies.hint.needs"), value: values.needs, error: errors.needs, rows: 4 })}
${textField({ name: "onBehalfOf", label: labels.onBehalfOf, hint: t("panel.emergencies.hint.onBehalfOf"), type: "url", value: values.onBehalfOf, error: errors.onBehalfOf })}
<p><button type="submit" class="primary">${t("panel.emergencies.declareButton")}</button></p></form>`;
}
