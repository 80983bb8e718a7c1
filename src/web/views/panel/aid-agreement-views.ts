// The agreements page (each with the buttons its state allows: accept, reject, cancel, end, declare a
// breach with a reason, propose a renewal, accept or decline one) and the balance of help per partner.
import { html } from "hono/html";
import type { AgreementRow } from "../../../domain/aid/aid.ts";
import type { PartnerBalance } from "../../../domain/aid/balance.ts";
import { formatDate } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { sharedUpstreamWarning } from "../../aid-text.ts";
import { aidNav, resourceLabel } from "./aid-views.ts";
import { csrfField, type Errors, notice, textField } from "./forms.ts";

export type AgreementsPageProps = {
  t: Translate;
  locale: string;
  csrf: string;
  self: string;
  agreements: AgreementRow[];
  /** A failed action: the agreement, the reason, and the fields in error. */
  failed?: { key: string; message: string; errors: Errors; values: Record<string, string> };
  done?: string | undefined;
};

const button = (p: AgreementsPageProps, key: string, action: string, label: string) =>
  html`<form method="post" action="/admin/aid/agreements/${key}/${action}" class="inline">${csrfField(p.csrf)}<button type="submit">${label}</button></form>`;

function actions(p: AgreementsPageProps, row: AgreementRow) {
  const { t } = p;
  const a = row.agreement;
  const failed = p.failed?.key === row.key ? p.failed : undefined;
  const id = (name: string) => `a-${row.key}-${name}`;
  if (a.state === "proposed")
    return a.proposedBy === p.self
      ? button(p, row.key, "cancel", t("panel.aid.action.withdraw"))
      : html`${button(p, row.key, "accept", t("panel.aid.action.accept"))} ${button(p, row.key, "reject", t("panel.aid.action.reject"))}`;
  if (a.state !== "active") return "";
  const pending = a.pendingRenewal;
  return html`${pending && pending.by !== p.self ? html`<p>${t("panel.aid.renewalProposed", { until: formatDate(p.locale, pending.until) })} ${button(p, row.key, "renewal-accept", t("panel.aid.action.acceptRenewal"))} ${button(p, row.key, "renewal-decline", t("panel.aid.action.declineRenewal"))}</p>` : ""}
${pending && pending.by === p.self ? html`<p>${t("panel.aid.renewalWaiting", { until: formatDate(p.locale, pending.until) })}</p>` : ""}
<p>${button(p, row.key, "end", t("panel.aid.action.end"))} ${button(p, row.key, "cancel", t("panel.aid.action.cancel"))}</p>
${
  pending
    ? ""
    : html`<form method="post" action="/admin/aid/agreements/${row.key}/renew">${csrfField(p.csrf)}
${textField({ name: "until", id: id("until"), label: t("panel.aid.field.renewUntil"), type: "date", value: failed?.values.until, error: failed?.errors.until })}
<p><button type="submit">${t("panel.aid.action.renew")}</button></p></form>`
}
<form method="post" action="/admin/aid/agreements/${row.key}/breach">${csrfField(p.csrf)}
${textField({ name: "reason", id: id("reason"), label: t("panel.aid.field.reason"), value: failed?.values.reason, error: failed?.errors.reason })}
<p><button type="submit">${t("panel.aid.action.breach")}</button></p></form>`;
}

function agreementItem(p: AgreementsPageProps, row: AgreementRow) {
  const { t, locale } = p;
  const a = row.agreement;
  const gives = a.terms.provider === p.self;
  const partner = gives ? a.terms.receiver : a.terms.provider;
  const last = a.periods[a.periods.length - 1];
  const failed = p.failed?.key === row.key ? p.failed : undefined;
  const shared = a.sharedUpstream ?? [];
  return html`<li class="agreement" id="agreement-${row.key}"><p><strong>${t(gives ? "panel.aid.weGive" : "panel.aid.weReceive", { resource: resourceLabel(t, a.terms.resource), value: a.terms.quantity.value, unit: a.terms.quantity.unit, partner })}</strong></p>
<p>${t(`panel.aid.state.${a.state}`)} · ${t("panel.aid.between", { from: formatDate(locale, a.terms.from), until: formatDate(locale, last?.until ?? a.terms.until) })}${a.periods.length > 1 ? html` · ${t("panel.aid.renewed", { count: a.periods.length - 1 })}` : ""}</p>
${shared.length ? html`<p class="warning">${sharedUpstreamWarning(t, shared)}</p>` : ""}
${a.breach ? html`<p>${t("panel.aid.breachBy", { by: a.breach.by, reason: a.breach.reason })}</p>` : ""}
${a.message ? html`<p><em>${a.message}</em></p>` : ""}
${failed ? html`<p class="error" role="alert" id="result">${failed.message}</p>` : ""}${actions(p, row)}</li>`;
}

export function agreementsPage(p: AgreementsPageProps) {
  const { t } = p;
  return html`<h1>${t("panel.aid.agreements.title")}</h1>${aidNav(t, "/admin/aid/agreements")}${notice(p.done)}
${p.agreements.length ? html`<ul class="agreements">${p.agreements.map((row) => agreementItem(p, row))}</ul>` : html`<p>${t("panel.aid.agreements.none")}</p>`}`;
}

export function balancePage(p: { t: Translate; balances: PartnerBalance[] }) {
  const { t } = p;
  const h = {
    resource: t("panel.aid.field.resource"),
    quantity: t("panel.aid.balance.quantity"),
    agreements: t("panel.aid.balance.agreements"),
    days: t("panel.aid.balance.days"),
  };
  // A reflowing table: one column on a phone, each cell labelled.
  const lines = (caption: string, list: PartnerBalance["given"]) =>
    list.length
      ? html`<table class="reflow"><caption>${caption}</caption><thead><tr><th scope="col">${h.resource}</th><th scope="col">${h.quantity}</th><th scope="col">${h.agreements}</th><th scope="col">${h.days}</th></tr></thead>
<tbody>${list.map((l) => html`<tr><td data-label="${h.resource}">${resourceLabel(t, l.resource)}</td><td data-label="${h.quantity}">${l.quantity} ${l.unit}</td><td data-label="${h.agreements}">${l.agreements}</td><td data-label="${h.days}">${l.days}</td></tr>`)}</tbody></table>`
      : html`<p>${caption}: ${t("panel.aid.balance.nothing")}</p>`;
  return html`<h1>${t("panel.aid.balance.title")}</h1>${aidNav(t, "/admin/aid/balance")}
<p>${t("panel.aid.balance.intro")}</p>
${
  p.balances.length
    ? p.balances.map(
        (b) =>
          html`<section class="balance"><h2>${b.partner}</h2>${lines(t("panel.aid.balance.given"), b.given)}${lines(t("panel.aid.balance.received"), b.received)}</section>`,
      )
    : html`<p>${t("panel.aid.balance.none")}</p>`
}`;
}
