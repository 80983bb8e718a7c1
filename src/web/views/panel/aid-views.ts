// The mutual-aid panel page: the network's open offers and requests (filtered), a form to publish one,
// and a form to answer each one received from a fellow member with a proposed agreement.
import { html } from "hono/html";
import type { ProposalRow } from "../../../domain/aid/aid.ts";
import { PURPOSES, RESOURCES } from "../../../domain/aid/proposals.ts";
import { formatDate } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, type Errors, errorSummary, notice, selectField, textArea, textField } from "./forms.ts";

export type AidFilter = { q?: string; network?: string; purpose?: string; resource?: string; region?: string };

export type AidPageProps = {
  t: Translate;
  locale: string;
  csrf: string;
  networks: { value: string; label: string }[];
  filter: AidFilter;
  proposals: ProposalRow[];
  /** The last key of this page when older ones follow. */
  next?: string;
  /** Whether this is the newest page. */
  first: boolean;
  publish: { values: Record<string, string>; errors: Errors };
  /** A failed answer: the proposal it answered, and what was wrong. */
  respond?: { key: string; values: Record<string, string>; errors: Errors };
  done?: string | undefined;
  /** Why a withdrawal was refused. */
  refused?: string;
};

export const aidNav = (t: Translate, current: string) =>
  html`<nav aria-label="${t("panel.aid.sections")}"><ul class="tabs">${[
    ["/admin/aid", t("panel.aid.title")],
    ["/admin/aid/agreements", t("panel.aid.agreements.title")],
    ["/admin/aid/balance", t("panel.aid.balance.title")],
  ].map(
    ([href, label]) =>
      html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ""}>${label}</a></li>`,
  )}</ul></nav>`;

const purposeOptions = (t: Translate) => PURPOSES.map((p) => ({ value: p, label: t(`panel.aid.purpose.${p}`) }));
export const resourceLabel = (t: Translate, r: string) => t(`panel.aid.resource.${r}`);
const resourceOptions = (t: Translate) => RESOURCES.map((r) => ({ value: r, label: resourceLabel(t, r) }));

function filterForm(p: AidPageProps) {
  const { t, filter } = p;
  return html`<form method="get" action="/admin/aid" class="filters"><fieldset><legend>${t("panel.aid.filter")}</legend>
${textField({ name: "q", label: t("panel.aid.field.words"), value: filter.q })}
${selectField({ name: "network", label: t("panel.aid.field.network"), options: p.networks, blank: t("panel.aid.any"), value: filter.network })}
${selectField({ name: "purpose", label: t("panel.aid.field.purpose"), options: purposeOptions(t), blank: t("panel.aid.any"), value: filter.purpose })}
${selectField({ name: "resource", label: t("panel.aid.field.resource"), options: resourceOptions(t), blank: t("panel.aid.any"), value: filter.resource })}
${textField({ name: "region", label: t("panel.aid.field.region"), value: filter.region })}
<p><button type="submit">${t("panel.aid.applyFilter")}</button></p></fieldset></form>`;
}

/** Takes back one's own offer or request; members it was sent to are told. */
const withdrawForm = (p: AidPageProps, row: ProposalRow) =>
  html`<form method="post" action="/admin/aid/proposals/${row.key}/withdraw" class="inline">${csrfField(p.csrf)}<button type="submit">${p.t("panel.aid.withdraw")}</button></form>`;

function respondForm(p: AidPageProps, row: ProposalRow) {
  const { t } = p;
  const failed = p.respond?.key === row.key ? p.respond : undefined;
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? {};
  const id = (name: string) => `r-${row.key}-${name.replace(/\W/g, "-")}`;
  return html`<details${failed ? " open" : ""}><summary>${t("panel.aid.respond")}</summary>
${failed ? errorSummary(t, errors) : ""}
<form method="post" action="/admin/aid/proposals/${row.key}/respond">${csrfField(p.csrf)}
${textField({ name: "quantity.value", id: id("quantity.value"), label: t("panel.aid.field.quantity", { unit: row.proposal.quantity.unit }), hint: t("panel.aid.hint.quantity"), type: "number", value: values["quantity.value"], error: errors["quantity.value"] })}
${textField({ name: "until", id: id("until"), label: t("panel.aid.field.until"), hint: t("panel.aid.hint.respondUntil"), type: "date", value: values.until, error: errors.until })}
${textArea({ name: "message", id: id("message"), label: t("panel.aid.field.message"), value: values.message, error: errors.message, rows: 3 })}
<p><button type="submit">${t("panel.aid.propose")}</button></p></form></details>`;
}

function proposalItem(p: AidPageProps, row: ProposalRow) {
  const { t, locale } = p;
  const q = row.proposal;
  const dates = q.until
    ? t("panel.aid.between", { from: formatDate(locale, q.from), until: formatDate(locale, q.until) })
    : t("panel.aid.fromOn", { from: formatDate(locale, q.from) });
  return html`<li class="proposal"><p><strong>${t(`panel.aid.purpose.${q.purpose}`)}: ${resourceLabel(t, q.resource)}, ${q.quantity.value} ${q.quantity.unit}</strong></p>
<p>${row.local ? t("panel.aid.ours") : t("panel.aid.by", { author: row.author })} · ${dates}${q.region ? html` · ${q.region}` : ""}</p>
${q.conditions ? html`<p>${q.conditions}</p>` : ""}${row.local ? withdrawForm(p, row) : respondForm(p, row)}</li>`;
}

function publishForm(p: AidPageProps) {
  const { t } = p;
  const { values, errors } = p.publish;
  const labels = {
    network: t("panel.aid.field.network"),
    purpose: t("panel.aid.field.purpose"),
    resource: t("panel.aid.field.resource"),
    "quantity.value": t("panel.aid.field.amount"),
    "quantity.unit": t("panel.aid.field.unit"),
    from: t("panel.aid.field.from"),
    until: t("panel.aid.field.until"),
    region: t("panel.aid.field.region"),
    conditions: t("panel.aid.field.conditions"),
    audience: t("panel.aid.field.audience"),
  };
  const audience = ["network", "public"].map((a) => ({ value: a, label: t(`panel.aid.audience.${a}`) }));
  return html`<h2 id="publish">${t("panel.aid.publish")}</h2>${errorSummary(t, errors, labels)}
<form method="post" action="/admin/aid/proposals">${csrfField(p.csrf)}
${selectField({ name: "network", label: labels.network, options: p.networks, value: values.network, error: errors.network })}
${selectField({ name: "purpose", label: labels.purpose, options: purposeOptions(t), value: values.purpose, error: errors.purpose })}
${selectField({ name: "resource", label: labels.resource, options: resourceOptions(t), value: values.resource, error: errors.resource })}
${textField({ name: "quantity.value", label: labels["quantity.value"], type: "number", value: values["quantity.value"], error: errors["quantity.value"], required: true })}
${textField({ name: "quantity.unit", label: labels["quantity.unit"], hint: t("panel.aid.hint.unit"), value: values["quantity.unit"], error: errors["quantity.unit"], required: true })}
${textField({ name: "from", label: labels.from, type: "date", value: values.from, error: errors.from, required: true })}
${textField({ name: "until", label: labels.until, type: "date", value: values.until, error: errors.until })}
${textField({ name: "region", label: labels.region, value: values.region, error: errors.region })}
${textArea({ name: "conditions", label: labels.conditions, value: values.conditions, error: errors.conditions, rows: 3 })}
${selectField({ name: "audience", label: labels.audience, options: audience, value: values.audience ?? "network", error: errors.audience })}
<p><button type="submit" class="primary">${t("panel.aid.publishButton")}</button></p></form>`;
}

export function aidPage(p: AidPageProps) {
  const { t } = p;
  return html`<h1>${t("panel.aid.title")}</h1>${aidNav(t, "/admin/aid")}${notice(p.done)}${p.refused ? html`<p role="alert" class="error">${p.refused}</p>` : ""}
<p>${t("panel.aid.intro")}</p>${filterForm(p)}
<h2>${t("panel.aid.open")}</h2>
${p.proposals.length ? html`<ul class="proposals">${p.proposals.map((row) => proposalItem(p, row))}</ul>` : html`<p>${t("panel.aid.none")}</p>`}
${pages(p)}
${publishForm(p)}`;
}

/** Links to the newest page and to older offers, keeping the filters. */
function pages(p: AidPageProps) {
  if (p.first && !p.next) return "";
  const filters = Object.entries(p.filter).filter((e): e is [string, string] => !!e[1]);
  const link = (extra: [string, string][]) => `/admin/aid?${new URLSearchParams([...filters, ...extra])}`;
  return html`<nav aria-label="${p.t("panel.aid.pages")}"><p>${p.first ? "" : html`<a href="${link([])}">${p.t("panel.aid.newest")}</a> `}${p.next ? html`<a href="${link([["before", p.next]])}" rel="next">${p.t("panel.aid.older")}</a>` : ""}</p></nav>`;
}
