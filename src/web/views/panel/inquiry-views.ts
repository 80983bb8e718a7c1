// The inquiries movement groups sent through the directory, by state, with buttons to move them on.
import { html } from "hono/html";
import type { Inquiry, InquiryState } from "../../../domain/directory/inquiries.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, notice } from "./forms.ts";

const when = (d: Date | string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(d));

const moves: Record<InquiryState, InquiryState[]> = {
  new: ["answered", "archived"],
  answered: ["archived", "new"],
  archived: ["new"],
};

export function inquiriesView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  state: InquiryState;
  counts: Record<InquiryState, number>;
  inquiries: Inquiry[];
  done?: string | undefined;
}) {
  const { t } = p;
  const tabs = (["new", "answered", "archived"] as const).map(
    (state) =>
      html`<li><a href="/admin/inquiries?state=${state}"${state === p.state ? html` aria-current="page"` : ""}>${t(`panel.inquiries.state.${state}`)} (${p.counts[state]})</a></li>`,
  );
  return html`<h1>${t("panel.inquiries.title")}</h1>${notice(p.done)}
<p>${t("panel.inquiries.intro")}</p>
<nav aria-label="${t("panel.inquiries.states")}"><ul class="tabs">${tabs}</ul></nav>
${
  p.inquiries.length
    ? html`<ol class="inquiries">${p.inquiries.map(
        (
          q,
        ) => html`<li class="inquiry" id="inquiry-${q.id}"><p><strong>${q.senderName}</strong>${q.organisation ? html` (${q.organisation})` : ""} · <a href="mailto:${q.senderEmail}">${q.senderEmail}</a> · <small>${when(q.createdAt, p.locale)}</small></p>
${q.needs ? html`<p><em>${t("panel.inquiries.needs")}</em> ${q.needs}</p>` : ""}<p class="message"${q.language ? html` lang="${q.language}"` : ""}>${q.message}</p>
<div class="actions">${moves[q.state].map(
          (to) =>
            html`<form method="post" action="/admin/inquiries/${q.id}/state" class="inline">${csrfField(p.csrf)}<input type="hidden" name="state" value="${to}"><input type="hidden" name="from" value="${p.state}"><button type="submit">${t(`panel.inquiries.move.${to}`)}</button></form>`,
        )}</div></li>`,
      )}</ol>`
    : html`<p>${t(`panel.inquiries.none.${p.state}`)}</p>`
}`;
}
