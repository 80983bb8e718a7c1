// The public page of a shared document: the head revision in the reader's language (or the original),
// marked when the translation shown is outdated, with the other languages linked. Plain HTML: no script,
// readable on a narrow phone (the layout's stylesheet).
import { html, raw } from "hono/html";
import type { DocumentView, TranslationView } from "../../domain/docs/docs.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { formatDate, languageName } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

export type DocumentPage = {
  readonly t: Translate;
  readonly locale: string;
  readonly view: DocumentView;
  /** The translation shown, or undefined for the original. */
  readonly shown: TranslationView | undefined;
  /** The other languages held, the original first. */
  readonly others: readonly string[];
};

export function documentPage({ t, locale, view, shown, others }: DocumentPage) {
  const { head, document } = view;
  const title = shown?.title ?? head.content.title;
  const summary = shown?.summary ?? head.content.summary;
  const body = shown?.body ?? head.content.body;
  const lang = shown?.lang ?? head.content.lang;
  const original = head.content.lang;
  return html`<article class="document" lang="${lang}"><h1>${title}</h1>
${summary ? html`<p class="summary">${summary}</p>` : ""}
${
  shown
    ? html`<p class="note">${t("docs.page.translatedFrom", { lang: languageName(locale, original) })}${
        shown.outdated ? html` <strong>${t("docs.page.outdated", { count: shown.behind })}</strong>` : ""
      }</p>`
    : ""
}
<div class="body">${raw(renderMarkdown(body))}</div>
<dl class="meta"><dt>${t("docs.page.revision")}</dt><dd>${head.number} · <code>${head.digest.slice(0, 15)}…</code></dd>
<dt>${t("docs.page.updated")}</dt><dd>${formatDate(locale, new Date(head.at))}</dd>
${head.content.tags.length ? html`<dt>${t("docs.page.tags")}</dt><dd>${head.content.tags.map((tag) => `#${tag}`).join(" ")}</dd>` : ""}
</dl>
${
  others.length
    ? html`<p>${t("docs.page.alsoIn")} ${others.map(
        (o, i) =>
          html`${i ? ", " : ""}<a href="/docs/${document.key}?lang=${o}" hreflang="${o}">${languageName(locale, o)}</a>`,
      )}</p>`
    : ""
}</article>`;
}
