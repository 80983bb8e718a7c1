// Diffs in the panel: between two revisions of a document, and of a proposed change against the
// revision it was made on; and the proposals received and sent. Lines as the domain's diff gives them,
// the changed words marked with <del> and <ins>.
import { html } from "hono/html";
import type { DiffLine, LineDiff } from "../../../domain/docs/diff.ts";
import type { ProposalRow } from "../../../domain/docs/docs.repository.ts";
import type { Revision } from "../../../domain/docs/revisions.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, notice, textArea, type Errors } from "./forms.ts";

const sign = { context: " ", delete: "−", insert: "+" } as const;

function lineText(line: DiffLine) {
  if (line.kind === "context" || !line.words) return line.text;
  return line.words.map((w) =>
    w.kind === "same" ? w.text : w.kind === "delete" ? html`<del>${w.text}</del>` : html`<ins>${w.text}</ins>`,
  );
}

/** The hunks of a diff, each line with its side's number and its sign, readable without colour. */
export function diffBlock(t: Translate, diff: LineDiff) {
  if (diff.hunks.length === 0) return html`<p>${t("panel.docs.diff.same")}</p>`;
  return html`<p>${t("panel.docs.diff.added", { count: diff.added })} · ${t("panel.docs.diff.removed", { count: diff.removed })}${diff.approximate ? html` ${t("panel.docs.diff.approximate")}` : ""}</p>
${diff.hunks.map(
  (h) =>
    html`<div class="diff" role="group" aria-label="${t("panel.docs.diff.hunk", { old: h.oldStart, new: h.newStart })}">${h.lines.map(
      (l) =>
        html`<div class="diff-line ${l.kind}"><span class="diff-sign" aria-hidden="true">${sign[l.kind]}</span>${l.kind === "context" ? "" : html`<span class="visually-hidden">${t(`panel.docs.diff.${l.kind}`)}: </span>`}<span class="diff-text">${lineText(l)}</span></div>`,
    )}</div>`,
)}`;
}

export function revisionDiffView(p: {
  t: Translate;
  locale: string;
  docKey: string;
  title: string;
  from: Revision;
  to: Revision;
  diff: LineDiff;
}) {
  const { t } = p;
  const label = (r: Revision) =>
    t("panel.docs.revisionOn", { number: r.number, date: formatDateTime(p.locale, new Date(r.at)) });
  return html`<h1>${t("panel.docs.diff.title", { title: p.title })}</h1>
<p>${t("panel.docs.diff.between", { from: label(p.from), to: label(p.to) })}</p>
${diffBlock(t, p.diff)}
<p><a href="/admin/docs/${p.docKey}#history-title">${t("panel.docs.backToDocument")}</a></p>`;
}

export type ProposalItem = { row: ProposalRow; title: string; docKey: string | undefined };

const proposalList = (t: Translate, locale: string, items: ProposalItem[], empty: string) =>
  items.length
    ? html`<ul class="announcements">${items.map(
        ({
          row,
          title,
        }) => html`<li data-proposal="${row.key}"><p><a href="/admin/docs/proposals/${row.key}">${title}</a> · <strong>${t(`panel.docs.proposals.state.${row.state}`)}</strong></p>
<p>${row.message}</p><p><small>${row.proposer} · ${formatDateTime(locale, row.createdAt)}</small></p></li>`,
      )}</ul>`
    : html`<p>${empty}</p>`;

export function proposalsView(p: {
  t: Translate;
  locale: string;
  incoming: ProposalItem[];
  sent: ProposalItem[];
  done?: string | undefined;
}) {
  const { t } = p;
  return html`<h1>${t("panel.docs.proposals.title")}</h1>${notice(p.done)}
<section aria-labelledby="incoming-title"><h2 id="incoming-title">${t("panel.docs.proposals.incoming")}</h2>${proposalList(t, p.locale, p.incoming, t("panel.docs.proposals.noIncoming"))}</section>
<section aria-labelledby="sent-title"><h2 id="sent-title">${t("panel.docs.proposals.sent")}</h2>${proposalList(t, p.locale, p.sent, t("panel.docs.proposals.noSent"))}</section>`;
}

export function proposalView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  item: ProposalItem;
  diff: LineDiff | undefined;
  /** Whether this instance decides it (a proposal for one of its documents, still open). */
  decides: boolean;
  error?: string | undefined;
  reason?: string | undefined;
}) {
  const { t, item } = p;
  const { row } = item;
  return html`<h1>${t("panel.docs.proposals.one", { title: item.title })}</h1>
${p.error ? html`<div class="error-summary" role="alert" tabindex="-1" id="result"><p>${p.error}</p></div>` : ""}
<dl><dt>${t("panel.docs.proposals.by")}</dt><dd>${row.proposer}</dd>
<dt>${t("panel.docs.date")}</dt><dd>${formatDateTime(p.locale, row.createdAt)}</dd>
<dt>${t("panel.docs.proposals.stateLabel")}</dt><dd>${t(`panel.docs.proposals.state.${row.state}`)}${row.reason ? html` · ${row.reason}` : ""}</dd>
<dt>${t("panel.docs.proposals.message")}</dt><dd>${row.message}</dd></dl>
<section aria-labelledby="change-title"><h2 id="change-title">${t("panel.docs.proposals.change")}</h2>${p.diff ? diffBlock(t, p.diff) : html`<p>${t("panel.docs.proposals.noBase")}</p>`}</section>
${
  p.decides
    ? html`<form method="post" action="/admin/docs/proposals/${row.key}/decide#result">${csrfField(p.csrf)}
${textArea({ name: "reason", label: t("panel.docs.proposals.reason"), hint: t("panel.docs.proposals.reasonHint"), value: p.reason, rows: 2 })}
<p class="actions"><button type="submit" name="decision" value="accept" class="primary">${t("panel.docs.proposals.accept")}</button> <button type="submit" name="decision" value="reject">${t("panel.docs.proposals.reject")}</button></p></form>`
    : ""
}
<p>${item.docKey ? html`<a href="/admin/docs/${item.docKey}">${t("panel.docs.backToDocument")}</a> · ` : ""}<a href="/admin/docs/proposals">${t("panel.docs.proposals.title")}</a></p>`;
}

export type ProposeValues = { body: string; message: string; base: string };

/** A change to another instance's document: the whole new text and why, with a preview of its diff. */
export function proposeForm(p: {
  t: Translate;
  csrf: string;
  docKey: string;
  title: string;
  values: ProposeValues;
  errors: Errors;
  diff?: LineDiff | undefined;
}) {
  const { t, values: v, errors: e } = p;
  const action = `/admin/docs/proposals/new?doc=${encodeURIComponent(p.docKey)}`;
  const labels = {
    body: t("panel.docs.field.body"),
    message: t("panel.docs.proposals.message"),
    _form: t("panel.docs.proposals.change"),
  };
  return html`<h1>${t("panel.docs.proposals.proposeTitle", { title: p.title })}</h1><p>${t("panel.docs.proposals.proposeIntro")}</p>
${errorSummary(t, e, labels)}
<form method="post" action="${action}">${csrfField(p.csrf)}<input type="hidden" name="base" value="${v.base}">
${textArea({ name: "body", label: labels.body, value: v.body, error: e.body, rows: 14 })}
${textArea({ name: "message", label: labels.message, value: v.message, error: e.message, hint: t("panel.docs.proposals.messageHint"), rows: 3 })}
${p.diff ? html`<section class="preview" id="result" tabindex="-1" aria-label="${t("panel.preview")}"><h2>${t("panel.preview")}</h2>${diffBlock(t, p.diff)}</section>` : ""}
<p class="actions"><button type="submit" name="_action" value="preview" formaction="${action}#result">${t("panel.preview")}</button> <button type="submit" name="_action" value="send" class="primary" formaction="${action}#result">${t("panel.docs.proposals.send")}</button> <a href="/admin/docs/${p.docKey}">${t("panel.confirm.cancel")}</a></p></form>`;
}
