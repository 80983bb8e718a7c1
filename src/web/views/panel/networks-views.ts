// The networks pages of the panel: the list (with the founding and application forms), one network
// (what waits for a ballot, opening a motion, members, charter, decision record, leaving), one motion.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { KnownProvider } from "../../../domain/directory/names.ts";
import type { DecisionView, MotionView, NetworkView } from "../../../domain/networks/operations.ts";
import { formatNumber } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { charterSection, memberLink, memberList } from "../network-parts.ts";
import { csrfField, notice } from "./forms.ts";
import {
  ballotTable,
  decisionTable,
  motionDetails,
  motionState,
  motionTitle,
  myBallot,
  tallyView,
} from "./motion-views.ts";

type Known = ReadonlyMap<string, KnownProvider>;
type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The warning shown while the record differs from what this instance showed before (docs/governance.md). */
export function forkWarning(t: Translate, locale: string, n: NetworkView, csrf: string) {
  if (!n.fork) return "";
  return html`<div class="warn-box" role="alert"><h2>${t("networks.fork.title")}</h2><p>${t("networks.fork.what", { seq: formatNumber(locale, n.fork.seq) })}</p>
<p><small>${t("networks.fork.was")} <code class="digest">${n.fork.theirs}</code><br>${t("networks.fork.now")} <code class="digest">${n.fork.ours}</code></small></p>
<p>${t("networks.fork.todo")}</p>
<form method="post" action="/admin/networks/${n.key}/fork">${csrfField(csrf)}<button type="submit">${t("networks.fork.acknowledge")}</button></form></div>`;
}

export function networksListView(p: {
  t: Translate;
  locale: string;
  networks: readonly NetworkView[];
  done?: string | undefined;
  foundForm: Fragment;
  joinForm: Fragment;
}) {
  const { t, locale } = p;
  const current = (n: NetworkView) => n.members.filter((m) => m.state === "member" || m.state === "paused").length;
  return html`<h1>${t("networks.panel.title")}</h1>${notice(p.done)}<p>${t("networks.panel.intro")}</p>
<section aria-labelledby="list-title"><h2 id="list-title">${t("networks.panel.yours")}</h2>
${
  p.networks.length
    ? html`<ul class="networks">${p.networks.map(
        (n) =>
          html`<li><a href="/admin/networks/${n.key}"><strong>${n.name}</strong></a> · ${t(`networks.status.${n.status}`)} · ${t("networks.panel.memberCount", { count: current(n), n: formatNumber(locale, current(n)) })}${n.openMotions ? html` · ${t("networks.panel.openCount", { count: n.openMotions, n: formatNumber(locale, n.openMotions) })}` : ""}${n.fork ? html` · <strong class="warn">${t("networks.fork.short")}</strong>` : ""}</li>`,
      )}</ul>`
    : html`<p>${t("networks.panel.none")}</p>`
}</section>
<section aria-labelledby="found-title"><h2 id="found-title">${t("networks.panel.found")}</h2><p>${t("networks.panel.foundIntro")}</p>${p.foundForm}</section>
<section aria-labelledby="join-title"><h2 id="join-title">${t("networks.panel.join")}</h2><p>${t("networks.panel.joinIntro")}</p>${p.joinForm}</section>`;
}

/** An open motion on the network's page: title, state, text link, tally, this instance's ballot and the ballot form. */
function openMotionCard(p: {
  t: Translate;
  locale: string;
  network: NetworkView;
  motion: MotionView;
  known: Known;
  ballotForm: Fragment | "";
}) {
  const { t, locale, network: n, motion: m } = p;
  const rule = m.charter === n.charter.version ? n.charter.rules[m.kind] : undefined;
  return html`<article class="card motion" aria-labelledby="motion-${m.key}"><h3 id="motion-${m.key}"><a href="/admin/networks/${n.key}/motions/${m.key}">${motionTitle(t, m, p.known)}</a></h3>
<p>${motionState(t, locale, m)} · ${t("networks.motion.openedBy")} ${memberLink(m.by, p.known)}</p>
${tallyView({ t, locale, motion: m, rule })}
<p>${myBallot(t, m)}</p>${p.ballotForm}</article>`;
}

export function networkDetailView(p: {
  t: Translate;
  locale: string;
  network: NetworkView;
  motions: readonly MotionView[];
  decisions: readonly DecisionView[];
  known: Known;
  csrf: string;
  done?: string | undefined;
  ballotForm: (m: MotionView) => Fragment | "";
  motionForm: Fragment | "";
  watch: Fragment | "";
}) {
  const { t, locale, network: n } = p;
  const open = p.motions.filter((m) => m.state === "open");
  const closed = p.motions.filter((m) => m.state !== "open");
  const member = n.status === "member" || n.status === "suspended";
  return html`<h1>${n.name}</h1>${notice(p.done)}${forkWarning(t, locale, n, p.csrf)}
<p>${t(`networks.status.about.${n.status}`)}${n.via ? html` ${t("networks.status.via")} ${memberLink(n.via, p.known)}` : ""}</p>
<p class="row-actions"><a href="/networks/${n.key}">${t("networks.panel.publicPage")}</a>${member ? html`<a href="/admin/networks/${n.key}/leave" class="button">${t("networks.panel.leave")}</a>` : ""}</p>
${
  member
    ? html`<section aria-labelledby="open-title"><h2 id="open-title">${t("networks.panel.openMotions")}</h2>
${open.length ? open.map((m) => openMotionCard({ t, locale, network: n, motion: m, known: p.known, ballotForm: p.ballotForm(m) })) : html`<p>${t("networks.panel.noOpenMotions")}</p>`}</section>
${p.motionForm ? html`<section aria-labelledby="new-motion-title"><h2 id="new-motion-title">${t("networks.panel.newMotion")}</h2>${p.motionForm}</section>` : ""}`
    : ""
}
${memberList({ t, locale, members: n.members, known: p.known })}
${p.watch}
${charterSection({ t, locale, charter: n.charter })}
${
  member
    ? html`<section aria-labelledby="record-title"><h2 id="record-title">${t("networks.panel.record")}</h2>
<p>${t("networks.panel.head")} <code class="digest">${n.head ?? "—"}</code></p><p>${t("networks.panel.recordIntro")}</p>
${decisionTable({ t, locale, network: n.key, decisions: p.decisions, known: p.known })}
${
  closed.length
    ? html`<h3>${t("networks.panel.pastMotions")}</h3><ul>${closed.map((m) => html`<li><a href="/admin/networks/${n.key}/motions/${m.key}">${motionTitle(t, m, p.known)}</a> · ${motionState(t, locale, m)}</li>`)}</ul>`
    : ""
}</section>`
    : ""
}`;
}

export function motionPageView(p: {
  t: Translate;
  locale: string;
  network: NetworkView;
  motion: MotionView;
  known: Known;
  csrf: string;
  done?: string | undefined;
  ballotForm: Fragment | "";
  errorSummary: Fragment | "";
}) {
  const { t, locale, network: n, motion: m } = p;
  const rule = m.charter === n.charter.version ? n.charter.rules[m.kind] : undefined;
  return html`<p><a href="/admin/networks/${n.key}">${n.name}</a></p><h1>${motionTitle(t, m, p.known)}</h1>${notice(p.done)}${forkWarning(t, locale, n, p.csrf)}${p.errorSummary}
<p><strong>${motionState(t, locale, m)}</strong></p>
${motionDetails({ t, locale, motion: m, known: p.known })}
<section aria-labelledby="tally-title" id="tally"><h2 id="tally-title">${t("networks.tally.title")}</h2>${tallyView({ t, locale, motion: m, rule })}<p>${myBallot(t, m)}</p>${p.ballotForm}</section>
<section aria-labelledby="ballots-title"><h2 id="ballots-title">${t("networks.ballots.title")}</h2><p>${t("networks.ballots.intro")}</p>${ballotTable({ t, locale, motion: m, known: p.known })}</section>`;
}
