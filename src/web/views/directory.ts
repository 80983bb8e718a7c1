// The directory pages: search with filters and facet counts, results that explain themselves, the
// find-a-host form and the contact form. Plain HTML forms: everything works without JavaScript.
import { html } from "hono/html";
import type { DirectoryQuery } from "../../domain/directory/search/index.ts";
import type { DirectoryResult, DirectorySearch, Facets, Reason } from "../../domain/directory/search/index.ts";
import type { FitInput, FitResult } from "../../domain/directory/fit.ts";
import type { MemberNetwork } from "../../domain/directory/membership.ts";
import type { OfferCounts } from "../../domain/directory/offers.ts";
import { priceModels, serviceKinds, valueTags } from "../../domain/profile/taxonomy.ts";
import { formatDate } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { offerCountsLine } from "./directory-offers.ts";

/** A provider that closes sends searchers to its successor: the date and successor, then where it moved. */
export function closingNotice(
  t: Translate,
  p: { movedTo?: string | null; closingAt?: string | null; closingSuccessor?: string | null },
) {
  if (p.movedTo)
    return html`<p class="warn"><a href="${p.movedTo}">${t("directory.movedTo", { successor: p.movedTo })}</a></p>`;
  if (p.closingAt)
    return html`<p class="warn">${t("directory.closing", { date: p.closingAt.slice(0, 10), successor: p.closingSuccessor ?? "" })}</p>`;
  return "";
}

export function reasonText(t: Translate, r: Reason): string {
  switch (r.filter) {
    case "kind":
      return t(`taxonomy.service.${r.value}`);
    case "value":
      return t(`taxonomy.value.${r.value}`);
    case "price":
      return r.value
        .split(",")
        .map((p) => t(`price.${p}`))
        .join(" / ");
    case "open":
      return r.value === "true"
        ? t("directory.reason.open")
        : t("directory.reason.openFor", { value: t(`taxonomy.service.${r.value}`) });
    default:
      return t(`directory.reason.${r.filter}`, { value: r.value });
  }
}

export function explanationView(t: Translate, e: DirectoryResult["explanation"]) {
  const list = (rs: Reason[]) => rs.map((r) => reasonText(t, r)).join(", ");
  return html`${e.matches.length ? html`<p class="why">${t("directory.matches", { list: list(e.matches) })}</p>` : ""}${
    e.missing.length ? html`<p class="why warn">${t("directory.missing", { list: list(e.missing) })}</p>` : ""
  }`;
}

/** The profile view of a provider in the directory: here for a replica, its own page for this instance's. */
export const providerPagePath = (r: { actorUri: string; local: boolean; url: string | null }) =>
  r.local ? (r.url ?? r.actorUri) : `/directory/providers?actor=${encodeURIComponent(r.actorUri)}`;

/** A price as people read it: "free", "sliding scale", "€5.00 / month". */
export function priceText(
  t: Translate,
  locale: string,
  s: { priceModel: string; priceAmount: number | null; priceCurrency: string | null; pricePeriod: string | null },
): string {
  const model = t(`price.${s.priceModel}`);
  if (s.priceModel !== "fixed" || s.priceAmount === null) return model;
  let amount: string;
  try {
    amount = new Intl.NumberFormat(locale, { style: "currency", currency: s.priceCurrency ?? "EUR" }).format(
      s.priceAmount,
    );
  } catch {
    amount = `${s.priceAmount} ${s.priceCurrency ?? ""}`.trim();
  }
  return s.pricePeriod && s.pricePeriod !== "once" ? `${amount} / ${t(`period.${s.pricePeriod}`)}` : amount;
}

/**
 * What a group said in "find a host", as one line for the contact form's "needs" field, so that it
 * does not have to say it again (in the language of the page, read by the provider's operators).
 */
export function needsText(t: Translate, input: FitInput): string {
  const parts: string[] = [];
  if (input.need.length) parts.push(input.need.map((k) => t(`taxonomy.service.${k}`)).join(", "));
  if (input.people !== undefined) parts.push(t("directory.needs.people", { count: input.people }));
  if (input.storageGb !== undefined) parts.push(t("directory.needs.storage", { value: input.storageGb }));
  if (input.language.length) parts.push(t("directory.needs.language", { value: input.language.join(", ") }));
  if (input.country) parts.push(t("directory.needs.country", { value: input.country }));
  if (input.jurisdiction) parts.push(t("directory.needs.jurisdiction", { value: input.jurisdiction }));
  if (input.price.length) parts.push(input.price.map((m) => t(`price.${m}`)).join(" / "));
  if (input.must.length)
    parts.push(t("directory.needs.must", { value: input.must.map((v) => t(`taxonomy.value.${v}`)).join(", ") }));
  return parts.join(" · ").slice(0, 2000);
}

function resultView(
  t: Translate,
  locale: string,
  r: DirectoryResult | FitResult,
  needs?: string,
  offers?: OfferCounts,
) {
  const place = [r.region, r.country, r.jurisdiction].filter(Boolean).join(" · ");
  const seen = formatDate(locale, new Date(r.lastSeenAt));
  return html`<li class="card">
<div class="card-title">${r.iconUrl ? html`<img class="card-icon" src="${r.iconUrl}" alt="" width="48" height="48" loading="lazy" referrerpolicy="no-referrer">` : ""}<h3><a href="${providerPagePath(r)}">${r.name}</a>${r.local ? html` <small>(${t("directory.local")})</small>` : ""}${r.member ? html` <small>${t("directory.member")}</small>` : ""}${r.health ? html` <small class="state state-${r.health.status}">${t(`aid.watch.status.${r.health.status}`)}</small>` : ""}</h3></div>
${r.handle ? html`<p class="acct">${r.handle}</p>` : ""}
${r.summary ? html`<p>${r.summary}</p>` : ""}
${
  r.services.length
    ? html`<ul class="card-services">${r.services.map(
        (s) =>
          html`<li><strong>${s.name ?? t(`taxonomy.service.${s.kind}`)}</strong> · ${t(`availability.${s.availability}`)} · ${priceText(t, locale, s)}${
            s.supportLanguages.length
              ? html` · <span>${t("directory.card.support", { languages: s.supportLanguages.join(", ") })}</span>`
              : ""
          }</li>`,
      )}</ul>`
    : ""
}
${r.valueTags.length ? html`<ul class="tags">${r.valueTags.map((v) => html`<li>${t(`taxonomy.value.${v}`)}</li>`)}</ul>` : ""}
${place ? html`<p>${place}</p>` : ""}
${offerCountsLine(t, offers)}
${r.stale ? html`<p class="warn">${t("directory.stale", { date: seen })}</p>` : ""}
${closingNotice(t, r)}
${r.unbacked ? html`<p class="warn">${t("directory.unbacked", { count: r.unbacked })}</p>` : ""}
${explanationView(t, r.explanation)}
<p><a href="/directory/contact?provider=${encodeURIComponent(r.actorUri)}${needs ? `&needs=${encodeURIComponent(needs)}` : ""}">${t("directory.contact")}</a></p>
</li>`;
}

const checkbox = (name: string, value: string, label: string, checked: boolean, count?: number) =>
  html`<label class="check"><input type="checkbox" name="${name}" value="${value}"${checked ? " checked" : ""}> ${label}${count !== undefined ? html` <small>(${count})</small>` : ""}</label>`;

export function searchBox(t: Translate, q = "") {
  return html`<form method="get" action="/directory" role="search" class="search">
<label for="q">${t("directory.search.label")}</label>
<input id="q" name="q" type="search" value="${q}" maxlength="200">
<button type="submit">${t("directory.search.submit")}</button>
</form>`;
}

/** The results with each network's name in their explanations, where the search gives its key. */
function namingNetworks(results: readonly DirectoryResult[], networks: readonly MemberNetwork[]): DirectoryResult[] {
  const names = new Map(networks.map((n) => [n.key, n.name]));
  const named = (r: Reason) => (r.filter === "network" ? { ...r, value: names.get(r.value) ?? r.value } : r);
  // Answers are shared with other searches (search cache): new objects, never edits.
  return results.map((r) => ({
    ...r,
    explanation: { matches: r.explanation.matches.map(named), missing: r.explanation.missing.map(named) },
  }));
}

function networkFilter(t: Translate, networks: readonly MemberNetwork[], chosen: string | undefined, f: Facets) {
  if (networks.length === 0) return "";
  return html`<label for="f-network">${t("directory.filter.network")}</label>
<select id="f-network" name="network"><option value="">${t("directory.filter.networkAny")}</option>${networks.map(
    (n) =>
      html`<option value="${n.key}"${n.key === chosen ? " selected" : ""}>${n.name} (${f.network[n.key] ?? 0})</option>`,
  )}</select>`;
}

export function directoryPage(p: {
  t: Translate;
  locale: string;
  query: DirectoryQuery;
  result: DirectorySearch;
  params: URLSearchParams;
  /** The networks this instance is in: members of one may be searched alone. */
  networks: readonly MemberNetwork[];
  /** Each shown provider's open public offers and requests. */
  offerCounts?: ReadonlyMap<string, OfferCounts>;
  error?: string;
}) {
  const { t, query, result } = p;
  const f = result.facets;
  const pageLink = (page: number) => {
    const params = new URLSearchParams(p.params);
    params.set("page", String(page));
    return `/directory?${params.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return html`<h1>${t("directory.title")}</h1>
<p><a href="/directory/find">${t("directory.find.link")}</a></p>
${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
<form method="get" action="/directory#result" role="search">
<label for="q">${t("directory.search.label")}</label>
<input id="q" name="q" type="search" value="${query.q ?? ""}" maxlength="200">
<button type="submit">${t("directory.search.submit")}</button>
<details${query.kind || query.value || query.country || query.language || query.price || query.open || query.region || query.jurisdiction || query.network ? " open" : ""}>
<summary>${t("directory.filters")}</summary>
<fieldset><legend>${t("directory.filter.kind")}</legend>${serviceKinds.map((k) => checkbox("kind", k, t(`taxonomy.service.${k}`), !!query.kind?.includes(k), f.kind[k] ?? 0))}</fieldset>
<fieldset><legend>${t("directory.filter.value")}</legend>${valueTags.map((v) => checkbox("value", v, t(`taxonomy.value.${v}`), !!query.value?.includes(v), f.value[v] ?? 0))}</fieldset>
<fieldset><legend>${t("directory.filter.price")}</legend>${priceModels.map((m) => checkbox("price", m, t(`price.${m}`), !!query.price?.includes(m), f.price[m] ?? 0))}</fieldset>
${checkbox("open", "true", t("directory.filter.open"), !!query.open, f.open.true ?? 0)}
${networkFilter(t, p.networks, query.network, f)}
<label for="f-language">${t("directory.filter.language")}</label>
<input id="f-language" name="language" value="${query.language?.join(",") ?? ""}" maxlength="60">
<small>${Object.entries(f.language)
    .map(([k, n]) => `${k} (${n})`)
    .join(" · ")}</small>
<label for="f-country">${t("directory.filter.country")}</label>
<input id="f-country" name="country" value="${query.country?.join(",") ?? ""}" maxlength="40">
<small>${Object.entries(f.country)
    .map(([k, n]) => `${k} (${n})`)
    .join(" · ")}</small>
<label for="f-region">${t("directory.filter.region")}</label>
<input id="f-region" name="region" value="${query.region ?? ""}" maxlength="120">
<label for="f-jurisdiction">${t("directory.filter.jurisdiction")}</label>
<input id="f-jurisdiction" name="jurisdiction" value="${query.jurisdiction ?? ""}" maxlength="120">
<small>${Object.entries(f.jurisdiction)
    .map(([k, n]) => `${k} (${n})`)
    .join(" · ")}</small>
<label for="f-storage">${t("directory.filter.minStorageGb")}</label>
<input id="f-storage" name="minStorageGb" type="number" min="0" value="${query.minStorageGb ?? ""}">
<label for="f-accounts">${t("directory.filter.minAccounts")}</label>
<input id="f-accounts" name="minAccounts" type="number" min="0" value="${query.minAccounts ?? ""}">
<p><button type="submit">${t("directory.search.submit")}</button></p>
</details>
</form>
<h2 id="result" tabindex="-1">${t("directory.results", { count: result.total })}</h2>
${result.results.length ? html`<ol class="results">${namingNetworks(result.results, p.networks).map((r) => resultView(t, p.locale, r, undefined, p.offerCounts?.get(r.actorUri)))}</ol>` : html`<p>${t("directory.none")}</p>`}
${
  pages > 1
    ? html`<nav aria-label="${t("directory.pages")}"><p>${query.page > 1 ? html`<a href="${pageLink(query.page - 1)}" rel="prev">${t("directory.prev")}</a> · ` : ""}${t("directory.page", { page: query.page, pages })}${
        query.page < pages ? html` · <a href="${pageLink(query.page + 1)}" rel="next">${t("directory.next")}</a>` : ""
      }</p></nav>`
    : ""
}`;
}

export function findHostPage(p: {
  t: Translate;
  locale: string;
  input?: FitInput;
  results?: FitResult[];
  error?: string;
}) {
  const { t, input } = p;
  const needs = input?.need ?? [];
  return html`<h1>${t("directory.find.title")}</h1>
<p>${t("directory.find.intro")}</p>
${p.error ? html`<p class="error" role="alert" id="result" tabindex="-1">${p.error}</p>` : ""}
<form method="get" action="/directory/find#result">
<fieldset><legend>${t("directory.find.need")}</legend>${serviceKinds.map((k) => checkbox("need", k, t(`taxonomy.service.${k}`), needs.includes(k)))}</fieldset>
<label for="people">${t("directory.find.people")}</label><input id="people" name="people" type="number" min="0" value="${input?.people ?? ""}">
<label for="storage">${t("directory.find.storage")}</label><input id="storage" name="storageGb" type="number" min="0" value="${input?.storageGb ?? ""}">
<label for="language">${t("directory.find.language")}</label><input id="language" name="language" value="${input?.language.join(",") ?? ""}" maxlength="40">
<label for="country">${t("directory.find.country")}</label><input id="country" name="country" value="${input?.country ?? ""}" maxlength="2">
<label for="jurisdiction">${t("directory.find.jurisdiction")}</label><input id="jurisdiction" name="jurisdiction" value="${input?.jurisdiction ?? ""}" maxlength="120">
<fieldset><legend>${t("directory.find.price")}</legend>${priceModels.map((m) => checkbox("price", m, t(`price.${m}`), !!input?.price.includes(m)))}</fieldset>
<fieldset><legend>${t("directory.find.must")}</legend>${valueTags.map((v) => checkbox("must", v, t(`taxonomy.value.${v}`), !!input?.must.includes(v)))}</fieldset>
<fieldset><legend>${t("directory.find.nice")}</legend>${valueTags.map((v) => checkbox("nice", v, t(`taxonomy.value.${v}`), !!input?.nice.includes(v)))}</fieldset>
<p><button type="submit">${t("directory.find.submit")}</button></p>
</form>
${
  p.results
    ? html`<h2 id="result" tabindex="-1">${t("directory.results", { count: p.results.length })}</h2>${
        p.results.length
          ? html`<ol class="results">${p.results.map((r) => resultView(t, p.locale, r, input ? needsText(t, input) : undefined))}</ol>`
          : html`<p>${t("directory.none")}</p>`
      }`
    : ""
}`;
}

export type ContactForm = {
  senderName?: string;
  senderEmail?: string;
  organisation?: string;
  needs?: string;
  message?: string;
};

export function contactPage(p: {
  t: Translate;
  provider: { actorUri: string; name: string };
  token: string;
  form?: ContactForm;
  notice?: string;
  fields?: Record<string, string>;
  sent?: boolean;
}) {
  const { t, form = {}, fields = {} } = p;
  if (p.sent)
    return html`<h1>${t("directory.contact.title", { name: p.provider.name })}</h1><p role="status">${t("directory.contact.sent", { name: p.provider.name })}</p><p><a href="/directory">${t("directory.title")}</a></p>`;
  const err = (name: string) =>
    fields[name] ? html`<span class="error" id="${name}-error">${fields[name]}</span>` : "";
  return html`<h1>${t("directory.contact.title", { name: p.provider.name })}</h1>
<p>${t("directory.contact.intro")}</p>
${p.notice ? html`<p class="error" role="alert">${p.notice}</p>` : ""}
<form method="post" action="/directory/contact">
<input type="hidden" name="provider" value="${p.provider.actorUri}">
<input type="hidden" name="token" value="${p.token}">
<div class="hp" aria-hidden="true"><label for="website">${t("directory.contact.honeypot")}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="senderName">${t("directory.contact.name")}</label><input id="senderName" name="senderName" required maxlength="100" value="${form.senderName ?? ""}">${err("senderName")}
<label for="senderEmail">${t("directory.contact.email")}</label><input id="senderEmail" name="senderEmail" type="email" required maxlength="254" value="${form.senderEmail ?? ""}">${err("senderEmail")}
<label for="organisation">${t("directory.contact.organisation")}</label><input id="organisation" name="organisation" maxlength="200" value="${form.organisation ?? ""}">
<label for="needs">${t("directory.contact.needs")}</label><input id="needs" name="needs" maxlength="2000" value="${form.needs ?? ""}">
<label for="message">${t("directory.contact.message")}</label><textarea id="message" name="message" required minlength="10" maxlength="5000">${form.message ?? ""}</textarea>${err("message")}
<p><button type="submit">${t("directory.contact.send")}</button></p>
</form>`;
}
