// Pieces of the network pages shared by the public pages and the panel: a charter with its rules in
// words, and the member list with each member's state.
import { html, raw } from "hono/html";
import type { KnownProvider } from "../../domain/directory/names.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { type Charter, MOTION_KINDS, onBehalfRule, watchK } from "../../domain/networks/charter.ts";
import { durationMs } from "../../domain/networks/duration.ts";
import type { MemberView } from "../../domain/networks/operations.ts";
import { formatDate, formatDuration, formatPercent } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { remoteLink } from "./remote-link.ts";

/** A rule's window in words ("14 days"), or as written when it is not a duration this instance reads. */
export const windowText = (locale: string, window: string) => {
  const ms = durationMs(window);
  return ms === undefined ? window : formatDuration(locale, ms);
};

/** What a rule means, in a sentence or two. */
export function ruleText(t: Translate, locale: string, rule: Charter["rules"][keyof Charter["rules"]]): string {
  return `${t("networks.rule.explain", {
    window: windowText(locale, rule.window),
    quorum: formatPercent(locale, rule.quorum),
    threshold: formatPercent(locale, rule.threshold),
  })} ${t(rule.block ? "networks.rule.blockStops" : "networks.rule.blockCounts")}`;
}

/** The charter: purpose (markdown, sanitised), questions, the rules explained, pausing, version and digest. */
export function charterSection(p: { t: Translate; locale: string; charter: Charter; id?: string }) {
  const { t, locale, charter } = p;
  const id = p.id ?? "charter";
  return html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${t("networks.charter.title", { version: charter.version })}</h2>
${charter.purpose ? html`<div class="purpose">${raw(renderMarkdown(charter.purpose))}</div>` : ""}
<h3>${t("networks.charter.rules")}</h3>
<dl class="rules">${MOTION_KINDS.map((kind) => html`<dt>${t(`networks.kind.${kind}`)}</dt><dd>${t(`networks.kind.${kind}.about`)} ${ruleText(t, locale, charter.rules[kind])}</dd>`)}</dl>
<p>${charter.pauseAfterMissed > 0 ? t("networks.charter.pause", { count: charter.pauseAfterMissed }) : t("networks.charter.pauseNever")}</p>
<p>${t("networks.charter.watch", { k: watchK(charter) })} ${t("networks.charter.onBehalf", { who: t(`networks.onBehalf.${onBehalfRule(charter)}`) })}</p>
<h3>${t("networks.charter.questions")}</h3>
${charter.questions.length ? html`<ol>${charter.questions.map((q) => html`<li>${q}</li>`)}</ol>` : html`<p>${t("networks.charter.noQuestions")}</p>`}
<p><small>${t("networks.charter.digest")} <code class="digest">${charter.digest}</code></small></p></section>`;
}

/** A member as a link: this instance's page, the directory's page of a known provider, or its actor URI. */
export function memberLink(actor: string, known: ReadonlyMap<string, KnownProvider>) {
  const provider = known.get(actor);
  if (provider?.local) return html`<a href="/">${provider.name}</a>`;
  if (provider) return html`<a href="/directory/providers?actor=${encodeURIComponent(actor)}">${provider.name}</a>`;
  return remoteLink(actor, actor, actor);
}

/** "Member since 3 Mar 2027", "Suspended until 1 Apr 2027"… */
export function memberStateText(t: Translate, locale: string, m: MemberView): string {
  const since = formatDate(locale, m.since);
  if (m.state === "suspended" && m.until)
    return t("networks.member.suspendedUntil", { date: formatDate(locale, m.until), since });
  return t(`networks.member.${m.state}`, { since });
}

/** "Closing on DATE, successor X" for a member that published a standing notice of closing. */
function closingText(t: Translate, locale: string, known: ReadonlyMap<string, KnownProvider>, actor: string) {
  const closing = known.get(actor)?.closing;
  if (!closing) return "";
  const successor = known.get(closing.successor)?.name ?? closing.successor;
  return html` <strong class="closing">${t("shutdown.memberClosing", { date: formatDate(locale, closing.at), successor })}</strong>`;
}

/** The member list: current members first (paused and suspended ones marked), then those who left or were expelled. */
export function memberList(p: {
  t: Translate;
  locale: string;
  members: readonly MemberView[];
  known: ReadonlyMap<string, KnownProvider>;
  id?: string;
}) {
  const { t, locale } = p;
  const order = { member: 0, paused: 1, suspended: 2, left: 3, expelled: 4 } as const;
  const members = [...p.members].sort((a, b) => order[a.state] - order[b.state] || a.actor.localeCompare(b.actor));
  const id = p.id ?? "members";
  return html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${t("networks.members.title")}</h2>
<ul class="members">${members.map((m) => html`<li data-state="${m.state}">${memberLink(m.actor, p.known)} <span class="state state-${m.state}">${memberStateText(t, locale, m)}</span>${closingText(t, locale, p.known, m.actor)}</li>`)}</ul></section>`;
}
