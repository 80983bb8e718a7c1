import { html, raw } from "hono/html";
import type { Announcement } from "../../../domain/announcements/announcements.ts";
import type { Follower } from "../../../domain/followers/followers.ts";
import type { Interaction } from "../../../domain/announcements/interactions.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { remoteLink } from "../remote-link.ts";
import { csrfField, errorSummary, notice, textArea, textField, type Errors } from "./forms.ts";

const dateOf = (d: Date, locale: string) => formatDateTime(locale, d);

export type ComposeProps = {
  t: Translate;
  csrf: string;
  action: string;
  values: { content?: string; language?: string; pinned?: boolean };
  errors: Errors;
  previewHtml?: string | undefined;
  submitLabel: string;
};

export function composeForm(p: ComposeProps) {
  const { t } = p;
  return html`${errorSummary(t, p.errors, { content: t("panel.announcements.content"), language: t("panel.announcements.language") })}<form method="post" action="${p.action}">${csrfField(p.csrf)}
${textArea({ name: "content", label: t("panel.announcements.content"), value: p.values.content, error: p.errors.content, hint: t("panel.hint.announcement"), rows: 6 })}
${textField({ name: "language", label: t("panel.announcements.language"), value: p.values.language, error: p.errors.language, hint: t("panel.hint.language") })}
<p><input type="checkbox" id="f-pinned" name="pinned" value="1"${p.values.pinned ? " checked" : ""}><label for="f-pinned">${t("panel.announcements.pin")}</label></p>
${p.previewHtml !== undefined ? html`<section class="preview" id="result" tabindex="-1" aria-label="${t("panel.preview")}"><h2>${t("panel.preview")}</h2>${raw(p.previewHtml)}</section>` : ""}
<p class="actions"><button type="submit" name="_action" value="preview" formaction="${p.action}#result">${t("panel.preview")}</button> <button type="submit" name="_action" value="publish" class="primary" formaction="${p.action}#result">${p.submitLabel}</button></p></form>`;
}

export function announcementsView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  compose: ComposeProps;
  items: Announcement[];
  done?: string | undefined;
}) {
  const { t } = p;
  return html`<h1>${t("panel.announcements.title")}</h1>${notice(p.done)}
<section aria-labelledby="compose-title"><h2 id="compose-title">${t("panel.announcements.compose")}</h2>${composeForm(p.compose)}</section>
<section aria-labelledby="list-title"><h2 id="list-title">${t("panel.announcements.published")}</h2>
${p.items.length === 0 ? html`<p>${t("profile.noAnnouncements")}</p>` : ""}
<ol class="announcements">${p.items.map(
    (a) => html`<li>${a.pinnedAt ? html`<p class="pinned">${t("announcement.pinned")}</p>` : ""}${raw(a.html)}
<p><small><a href="/announcements/${a.id}">${dateOf(a.publishedAt, p.locale)}</a>${a.updatedAt ? html` · ${t("announcement.edited")}` : ""}</small></p>
<div class="row-actions"><a href="/admin/announcements/${a.id}/edit">${t("panel.edit")}</a>
<form method="post" action="/admin/announcements/${a.id}/pin">${csrfField(p.csrf)}<input type="hidden" name="pinned" value="${a.pinnedAt ? "0" : "1"}"><button type="submit">${a.pinnedAt ? t("panel.announcements.unpin") : t("panel.announcements.pinAction")}</button></form>
<a href="/admin/announcements/${a.id}/delete" class="button">${t("panel.delete")}</a></div></li>`,
  )}</ol></section>`;
}

export function audienceView(p: {
  t: Translate;
  locale: string;
  followers: Follower[];
  followerCount: number;
  interactions: Interaction[];
}) {
  const { t } = p;
  return html`<h1>${t("panel.audience.title")}</h1>
<section aria-labelledby="followers-title"><h2 id="followers-title">${t("panel.audience.followers", { count: p.followerCount })}</h2>
${p.followers.length ? html`<ul>${p.followers.map((f) => html`<li>${remoteLink(f.url, f.actorUri, f.name || f.handle || f.actorUri)}${f.handle ? html` <small>${f.handle}</small>` : ""}</li>`)}</ul>` : html`<p>${t("panel.audience.noFollowers")}</p>`}</section>
<section aria-labelledby="interactions-title"><h2 id="interactions-title">${t("panel.audience.interactions")}</h2>
${
  p.interactions.length
    ? html`<ul class="announcements">${p.interactions.map(
        (
          i,
        ) => html`<li><p><strong>${t(`panel.interaction.${i.kind}`, { who: i.actorName || i.actorHandle || i.actorUri })}</strong> <small>${dateOf(i.receivedAt, p.locale)}</small></p>
${i.html ? raw(i.html) : ""}${i.announcementId ? html`<p><small><a href="/announcements/${i.announcementId}">${t("panel.audience.onAnnouncement")}</a></small></p>` : ""}</li>`,
      )}</ul>`
    : html`<p>${t("panel.audience.noInteractions")}</p>`
}</section>`;
}
