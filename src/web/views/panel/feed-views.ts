import { html, raw } from "hono/html";
import type { FeedPost } from "../../../domain/following/feed.ts";
import { sanitizeRemoteHtml } from "../../../domain/markdown.ts";
import type { Page } from "../../../domain/pagination.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";

/** The feed page: the followed providers' posts, newest first, and a link to older ones. */
export function feedView(p: { t: Translate; locale: string; page: Page<FeedPost>; first: boolean }) {
  const { t, locale, page } = p;
  return html`<h1>${t("panel.feed.title")}</h1><p>${t("panel.feed.intro")}</p>
${
  page.items.length
    ? html`<ol class="feed">${page.items.map(
        (post) => html`<li><article${post.language ? html` lang="${post.language}"` : ""}>
<header><strong>${post.authorName ?? post.authorHandle ?? post.actorUri}</strong>${post.authorHandle ? html` <span>${post.authorHandle}</span>` : ""}
· <time datetime="${post.publishedAt.toISOString()}">${formatDateTime(locale, post.publishedAt)}</time>${post.updatedAt ? html` · ${t("panel.feed.edited")}` : ""}</header>
<div class="content">${raw(sanitizeRemoteHtml(post.html))}</div>
${post.url ? html`<p><a href="${post.url}" rel="noopener nofollow">${t("panel.feed.original")}</a></p>` : ""}
</article></li>`,
      )}</ol>`
    : html`<p>${p.first ? t("panel.feed.empty") : t("panel.feed.noMore")}</p>`
}
<nav aria-label="${t("panel.feed.pages")}"><p>${p.first ? "" : html`<a href="/admin/feed">${t("panel.feed.newest")}</a> `}${page.next ? html`<a href="/admin/feed?before=${page.next}" rel="next">${t("panel.feed.older")}</a>` : ""}</p></nav>`;
}
