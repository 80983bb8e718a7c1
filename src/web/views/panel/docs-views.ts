// The writers' pages of the panel: the documents held here, the writing form with its preview, and a
// document's page (its revisions, a diff chooser, its translations). Plain forms: no script needed.
import { html, raw } from "hono/html";
import type { DocumentView } from "../../../domain/docs/docs.ts";
import type { DocumentListing } from "../../../domain/docs/docs.repository.ts";
import type { Revision } from "../../../domain/docs/revisions.ts";
import { formatDateTime, languageName } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, idOf, notice, selectField, textArea, textField, type Errors } from "./forms.ts";

export type DocValues = {
  title: string;
  summary: string;
  body: string;
  tags: string;
  lang: string;
  audience: string;
  network: string;
  group: string;
  /** The revision an edit started from. */
  base?: string;
};

export type Choice = { value: string; label: string };

const shortDigest = (digest: string) => `${digest.slice(0, 15)}…`;

export function docListView(p: { t: Translate; locale: string; rows: DocumentListing[]; done?: string | undefined }) {
  const { t, locale } = p;
  return html`<h1>${t("panel.docs.title")}</h1>${notice(p.done)}
<p class="row-actions"><a href="/admin/docs/new" class="button">${t("panel.docs.write")}</a> <a href="/admin/docs/proposals">${t("panel.docs.proposals.title")}</a></p>
${
  p.rows.length === 0
    ? html`<p>${t("panel.docs.none")}</p>`
    : html`<table class="reflow docs-table"><thead><tr><th>${t("panel.docs.field.title")}</th><th>${t("panel.docs.field.lang")}</th><th>${t("panel.docs.field.audience")}</th><th>${t("panel.docs.lastRevision")}</th><th>${t("panel.docs.translations")}</th></tr></thead><tbody>
${p.rows.map(
  ({
    doc,
    head,
    translations,
    outdated,
  }) => html`<tr><td data-label="${t("panel.docs.field.title")}"><a href="/admin/docs/${doc.key}">${head.content.title}</a>${doc.local ? "" : html` <small>${t("panel.docs.replica")}</small>`}</td>
<td data-label="${t("panel.docs.field.lang")}">${languageName(locale, head.content.lang)}</td>
<td data-label="${t("panel.docs.field.audience")}">${t(`panel.docs.audience.${doc.audience}`)}</td>
<td data-label="${t("panel.docs.lastRevision")}">${t("panel.docs.revisionOn", { number: head.number, date: formatDateTime(locale, new Date(head.at)) })}</td>
<td data-label="${t("panel.docs.translations")}">${translations}${outdated ? html` <strong class="warn">${t("panel.docs.outdatedCount", { count: outdated })}</strong>` : ""}</td></tr>`,
)}</tbody></table>`
}`;
}

/** The field labels in form order: the error summary names and orders errors by them. */
const docLabels = (t: Translate) => ({
  title: t("panel.docs.field.title"),
  summary: t("panel.docs.field.summary"),
  body: t("panel.docs.field.body"),
  tags: t("panel.docs.field.tags"),
  lang: t("panel.docs.field.lang"),
  audience: t("panel.docs.field.audience"),
  network: t("panel.docs.field.network"),
  group: t("panel.docs.field.group"),
  base: t("panel.docs.field.base"),
  _form: t("panel.docs.field.document"),
});

export function docForm(p: {
  t: Translate;
  csrf: string;
  action: string;
  heading: string;
  values: DocValues;
  errors: Errors;
  networks: Choice[];
  groups: Choice[];
  previewHtml?: string | undefined;
  submitLabel: string;
}) {
  const { t, values: v, errors: e } = p;
  const audiences = ["public", "network", "group"];
  return html`<h1>${p.heading}</h1>${errorSummary(t, e, docLabels(t))}${e._form ? html`<p class="error">${e._form}</p>` : ""}
<form method="post" action="${p.action}">${csrfField(p.csrf)}${v.base ? html`<input type="hidden" name="base" value="${v.base}">` : ""}
${textField({ name: "title", label: t("panel.docs.field.title"), value: v.title, error: e.title, required: true })}
${textField({ name: "summary", label: t("panel.docs.field.summary"), value: v.summary, error: e.summary })}
${textArea({ name: "body", label: t("panel.docs.field.body"), value: v.body, error: e.body, hint: t("panel.docs.hint.body"), rows: 14 })}
${textField({ name: "tags", label: t("panel.docs.field.tags"), value: v.tags, error: e.tags, hint: t("panel.docs.hint.tags") })}
${textField({ name: "lang", label: t("panel.docs.field.lang"), value: v.lang, error: e.lang, hint: t("panel.docs.hint.lang"), required: true })}
<fieldset id="${idOf("audience")}"><legend>${t("panel.docs.field.audience")}</legend>
${e.audience ? html`<p class="error">${e.audience}</p>` : ""}
<ul class="checks">${audiences.map((a) => html`<li><input type="radio" id="f-audience-${a}" name="audience" value="${a}"${v.audience === a ? " checked" : ""}><label for="f-audience-${a}">${t(`panel.docs.audience.${a}`)}</label></li>`)}</ul>
${selectField({ name: "network", label: t("panel.docs.field.network"), value: v.network, error: e.network, options: p.networks, blank: t("panel.docs.noChoice"), hint: p.networks.length ? t("panel.docs.hint.network") : t("panel.docs.hint.noNetwork") })}
${selectField({ name: "group", label: t("panel.docs.field.group"), value: v.group, error: e.group, options: p.groups, blank: t("panel.docs.noChoice"), hint: t("panel.docs.hint.group") })}
</fieldset>
${p.previewHtml !== undefined ? html`<section class="preview" id="result" tabindex="-1" aria-label="${t("panel.preview")}"><h2>${t("panel.preview")}</h2><article class="document"><h1>${v.title}</h1>${v.summary ? html`<p class="summary">${v.summary}</p>` : ""}<div class="body">${raw(p.previewHtml)}</div></article></section>` : ""}
<p class="actions"><button type="submit" name="_action" value="preview" formaction="${p.action}#result">${t("panel.preview")}</button> <button type="submit" name="_action" value="save" class="primary" formaction="${p.action}#result">${p.submitLabel}</button></p></form>`;
}

/** A document's page in the panel: what it is, its revisions with a diff chooser, its translations. */
export function docPageView(p: { t: Translate; locale: string; view: DocumentView; done?: string | undefined }) {
  const { t, locale } = p;
  const { document: doc, head, history, translations } = p.view;
  const key = doc.key;
  const revisions = [...history].reverse();
  const options = revisions.map((r) => ({ value: String(r.number), label: `${r.number} · ${shortDigest(r.digest)}` }));
  const from = String(Math.max(1, head.number - 1));
  return html`<h1>${head.content.title}</h1>${notice(p.done)}
<p class="row-actions">${doc.local ? html`<a href="/admin/docs/${key}/edit" class="button">${t("panel.edit")}</a>` : html`<a href="/admin/docs/proposals/new?doc=${key}" class="button">${t("panel.docs.proposals.propose")}</a>`} <a href="/admin/docs/${key}/translate">${t("panel.docs.translate")}</a>${doc.audience === "public" ? html` <a href="${doc.id}">${t("panel.docs.publicPage")}</a>` : ""}</p>
<dl><dt>${t("panel.docs.field.lang")}</dt><dd>${languageName(locale, head.content.lang)}</dd>
<dt>${t("panel.docs.field.audience")}</dt><dd>${t(`panel.docs.audience.${doc.audience}`)}</dd>
${head.content.tags.length ? html`<dt>${t("panel.docs.field.tags")}</dt><dd>${head.content.tags.map((tag) => `#${tag}`).join(" ")}</dd>` : ""}</dl>
<section aria-labelledby="history-title"><h2 id="history-title">${t("panel.docs.history")}</h2>
<table class="reflow docs-table"><thead><tr><th>${t("panel.docs.revision")}</th><th>${t("panel.docs.digest")}</th><th>${t("panel.docs.author")}</th><th>${t("panel.docs.date")}</th></tr></thead><tbody>
${revisions.map(
  (
    r,
  ) => html`<tr data-revision="${r.number}"><td data-label="${t("panel.docs.revision")}">${r.number}${r.message ? html` <small>${r.message}</small>` : ""}</td>
<td data-label="${t("panel.docs.digest")}"><code title="${r.digest}">${shortDigest(r.digest)}</code></td>
<td data-label="${t("panel.docs.author")}">${r.author}${r.proposal ? html` <small>${t("panel.docs.acceptedBy", { who: r.proposal.acceptedBy })}</small>` : ""}</td>
<td data-label="${t("panel.docs.date")}">${formatDateTime(locale, new Date(r.at))}</td></tr>`,
)}</tbody></table>
${
  history.length > 1
    ? html`<form method="get" action="/admin/docs/${key}/diff" class="diff-chooser"><fieldset class="row"><legend>${t("panel.docs.compare")}</legend>
${selectField({ name: "from", label: t("panel.docs.from"), value: from, options })}
${selectField({ name: "to", label: t("panel.docs.to"), value: String(head.number), options })}
<p class="actions"><button type="submit">${t("panel.docs.showDiff")}</button></p></fieldset></form>`
    : ""
}</section>
<section aria-labelledby="translations-title"><h2 id="translations-title">${t("panel.docs.translations")}</h2>
${
  translations.length
    ? html`<ul>${translations.map(
        (tr) =>
          html`<li data-lang="${tr.lang}"><strong>${languageName(locale, tr.lang)}</strong>: ${tr.title} · ${
            tr.outdated
              ? html`<strong class="warn">${t("panel.docs.outdated", { count: tr.behind })}</strong>`
              : html`<span>${t("panel.docs.current")}</span>`
          } · <a href="/admin/docs/${key}/translate?lang=${encodeURIComponent(tr.lang)}">${t("panel.docs.updateTranslation")}</a></li>`,
      )}</ul>`
    : html`<p>${t("panel.docs.noTranslations")}</p>`
}
<p><a href="/admin/docs/${key}/translate" class="button">${t("panel.docs.addTranslation")}</a></p></section>`;
}

export type TranslationValues = { lang: string; title: string; summary: string; body: string };

export function translationForm(p: {
  t: Translate;
  locale: string;
  csrf: string;
  key: string;
  original: Revision;
  values: TranslationValues;
  errors: Errors;
}) {
  const { t, values: v, errors: e } = p;
  const action = `/admin/docs/${p.key}/translate`;
  const labels = {
    lang: t("panel.docs.field.lang"),
    title: t("panel.docs.field.title"),
    summary: t("panel.docs.field.summary"),
    body: t("panel.docs.field.body"),
    _form: t("panel.docs.field.translation"),
  };
  return html`<h1>${t("panel.docs.translateTitle", { title: p.original.content.title })}</h1>
<p>${t("panel.docs.translateIntro", { lang: languageName(p.locale, p.original.content.lang), number: p.original.number })}</p>
${errorSummary(t, e, labels)}
<form method="post" action="${action}#result">${csrfField(p.csrf)}
${textField({ name: "lang", label: labels.lang, value: v.lang, error: e.lang, hint: t("panel.docs.hint.lang"), required: true })}
${textField({ name: "title", label: labels.title, value: v.title, error: e.title, required: true })}
${textField({ name: "summary", label: labels.summary, value: v.summary, error: e.summary })}
${textArea({ name: "body", label: labels.body, value: v.body, error: e.body, rows: 14 })}
<p class="actions"><button type="submit" class="primary">${t("panel.docs.saveTranslation")}</button> <a href="/admin/docs/${p.key}">${t("panel.confirm.cancel")}</a></p></form>
<details class="section"><summary>${t("panel.docs.original")}</summary><pre class="source">${p.original.content.body}</pre></details>`;
}
