// The public library page: a search over the public documents held here, with filters by language and
// tag and their counts, results that show where they matched. Plain HTML forms, as the directory's.
import { html } from "hono/html";
import type { LibraryQuery } from "../../domain/docs/library-query.ts";
import type { LibraryResult, LibrarySearch } from "../../domain/docs/library.ts";
import { formatDate, languageName } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

/** Where a result is read: its own page here for a document written here, the library's copy otherwise. */
export const libraryDocumentPath = (r: Pick<LibraryResult, "local" | "key">) =>
  r.local ? `/docs/${r.key}` : `/library/${r.key}`;

const hostOf = (actor: string) => {
  try {
    return new URL(actor).host;
  } catch {
    return actor;
  }
};

function resultView(t: Translate, locale: string, r: LibraryResult) {
  return html`<li class="card" lang="${r.lang}">
<h3><a href="${libraryDocumentPath(r)}">${r.title}</a></h3>
<p class="acct">${t("library.by", { author: hostOf(r.author) })} · ${languageName(locale, r.lang)} · ${formatDate(locale, new Date(r.updatedAt))}</p>
${r.gone ? html`<p class="warn">${t("library.gone")}</p>` : ""}
${r.summary ? html`<p>${r.summary}</p>` : ""}
${r.snippet && r.matched.length ? html`<p class="why">${r.snippet}</p>` : ""}
${r.matched.length ? html`<p class="why">${t("library.matched", { words: r.matched.join(", ") })}</p>` : ""}
${r.tags.length ? html`<ul class="tags">${r.tags.map((tag) => html`<li><a href="/library?tag=${encodeURIComponent(tag)}">#${tag}</a></li>`)}</ul>` : ""}
</li>`;
}

const facetLine = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} (${n})`)
    .join(" · ");

export function libraryPage(p: {
  t: Translate;
  locale: string;
  query: LibraryQuery;
  result: LibrarySearch;
  params: URLSearchParams;
  error?: string;
}) {
  const { t, query, result } = p;
  const pageLink = (page: number) => {
    const params = new URLSearchParams(p.params);
    params.set("page", String(page));
    return `/library?${params.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const corrected = Object.entries(result.corrected);
  return html`<h1>${t("library.title")}</h1>
<p>${t("library.intro")}</p>
${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
<form method="get" action="/library#result" role="search">
<label for="q">${t("library.search.label")}</label>
<input id="q" name="q" type="search" value="${query.q ?? ""}" maxlength="200">
<button type="submit">${t("library.search.submit")}</button>
<details${query.lang || query.tag ? " open" : ""}>
<summary>${t("library.filters")}</summary>
<label for="f-lang">${t("library.filter.lang")}</label>
<input id="f-lang" name="lang" value="${query.lang?.join(",") ?? ""}" maxlength="60">
<small>${facetLine(result.facets.lang)}</small>
<label for="f-tag">${t("library.filter.tag")}</label>
<input id="f-tag" name="tag" value="${query.tag?.join(",") ?? ""}" maxlength="200">
<small>${facetLine(result.facets.tag)}</small>
<p><button type="submit">${t("library.search.submit")}</button></p>
</details>
</form>
<h2 id="result" tabindex="-1">${t("library.results", { count: result.total })}</h2>
${corrected.length ? html`<p class="note">${t("library.corrected", { words: corrected.map(([w, k]) => `${w} → ${k.join(" / ")}`).join(", ") })}</p>` : ""}
${result.results.length ? html`<ol class="results">${result.results.map((r) => resultView(t, p.locale, r))}</ol>` : html`<p>${t("library.none")}</p>`}
${
  pages > 1
    ? html`<nav aria-label="${t("library.pages")}"><p>${query.page > 1 ? html`<a href="${pageLink(query.page - 1)}" rel="prev">${t("library.prev")}</a> · ` : ""}${t("library.page", { page: query.page, pages })}${
        query.page < pages ? html` · <a href="${pageLink(query.page + 1)}" rel="next">${t("library.next")}</a>` : ""
      }</p></nav>`
    : ""
}`;
}
