// Motions in the panel: the live tally and how it stands, a motion's card on the network's page, the
// motion's own page with every ballot cast (the audit trail), and the decision record.
import { html, raw } from "hono/html";
import type { KnownProvider } from "../../../domain/directory/names.ts";
import { renderMarkdown } from "../../../domain/markdown.ts";
import type { Rule } from "../../../domain/networks/charter.ts";
import type { DecisionView, MotionView } from "../../../domain/networks/operations.ts";
import { motionKeyOf, standingOf } from "../../../domain/networks/standing.ts";
import { formatDateTime, formatNumber, formatPercent, labelled } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { memberLink } from "../network-parts.ts";

type Known = ReadonlyMap<string, KnownProvider>;

/** The counts, who voted out of whom, the quorum, and — while open — whether it would pass now and why not. */
export function tallyView(p: { t: Translate; locale: string; motion: MotionView; rule?: Rule | undefined }) {
  const { t, locale, motion } = p;
  const { tally } = motion;
  const n = (v: number) => formatNumber(locale, v);
  const standing = p.rule ? standingOf(tally, p.rule) : undefined;
  const reasons = standing
    ? [
        standing.quorumMet ? "" : t("networks.tally.noQuorum"),
        standing.share === null || standing.thresholdMet
          ? ""
          : t("networks.tally.belowThreshold", {
              share: formatPercent(locale, standing.share),
              threshold: formatPercent(locale, p.rule?.threshold ?? 0),
            }),
        standing.blocked ? t("networks.tally.blocked") : "",
        standing.share === null ? t("networks.tally.noVotes") : "",
      ].filter(Boolean)
    : [];
  const cast = tally.yes + tally.no + tally.abstain + tally.block;
  return html`<dl class="tally"><dt>${t("networks.choice.yes")}</dt><dd>${n(tally.yes)}</dd><dt>${t("networks.choice.no")}</dt><dd>${n(tally.no)}</dd><dt>${t("networks.choice.abstain")}</dt><dd>${n(tally.abstain)}</dd><dt>${t("networks.choice.block")}</dt><dd>${n(tally.block)}</dd></dl>
<p>${t("networks.tally.turnout", { cast: n(cast), electorate: n(tally.electorate), quorum: n(tally.quorum) })}</p>
${
  motion.state === "open" && standing
    ? html`<p class="standing"><strong>${standing.passing ? t("networks.tally.wouldPass") : t("networks.tally.wouldFail")}</strong>${reasons.length ? html` ${reasons.join(" ")}` : ""}</p>`
    : ""
}`;
}

/** The motion's state in words: open until…, passed, failed, void (and why). */
export function motionState(t: Translate, locale: string, m: MotionView): string {
  if (m.state === "open") return t("networks.motion.openUntil", { date: formatDateTime(locale, m.closesAt) });
  if (m.state === "void") return t("networks.motion.void", { reason: t(`networks.void.${m.voidReason ?? "other"}`) });
  return t(`networks.motion.${m.state}`, { date: formatDateTime(locale, m.closesAt) });
}

/** The title of a motion: its kind, and the member it concerns. */
export function motionTitle(t: Translate, m: MotionView, known: Known): string {
  const kind = t(`networks.kind.${m.kind}`);
  if (!m.subject) return kind;
  return t("networks.motion.titleWithSubject", { kind, subject: known.get(m.subject)?.name ?? m.subject });
}

/** This instance's own ballot, or that it has not voted (and whether it may). */
export function myBallot(t: Translate, m: MotionView): string {
  if (m.mine) return t("networks.ballot.mine", { choice: t(`networks.choice.${m.mine.choice}`) });
  return m.canVote ? t("networks.ballot.notYet") : t("networks.ballot.cannot");
}

/** Every ballot that counts, one per member: who, what, why and when. */
export function ballotTable(p: { t: Translate; locale: string; motion: MotionView; known: Known }) {
  const { t, locale, motion } = p;
  if (motion.ballots.length === 0) return html`<p>${t("networks.ballots.none")}</p>`;
  const h = {
    by: t("networks.ballots.by"),
    choice: t("networks.ballots.choice"),
    reason: t("networks.ballots.reason"),
    when: t("networks.ballots.when"),
  };
  return html`<table class="reflow"><caption>${t("networks.ballots.caption")}</caption><thead><tr><th scope="col">${h.by}</th><th scope="col">${h.choice}</th><th scope="col">${h.reason}</th><th scope="col">${h.when}</th></tr></thead><tbody>
${motion.ballots.map((b) => html`<tr><td data-label="${h.by}">${memberLink(b.by, p.known)}</td><td data-label="${h.choice}">${t(`networks.choice.${b.choice}`)}</td><td data-label="${h.reason}">${b.reason ?? ""}</td><td data-label="${h.when}">${formatDateTime(locale, b.published)}</td></tr>`)}</tbody></table>`;
}

/** A motion's full text and details (the page of one motion). */
export function motionDetails(p: { t: Translate; locale: string; motion: MotionView; known: Known }) {
  const { t, locale, motion: m } = p;
  const answers = Object.entries(m.answers ?? {});
  return html`<div class="motion-text">${raw(renderMarkdown(m.text))}</div>
<dl><dt>${t("networks.motion.by")}</dt><dd>${memberLink(m.by, p.known)}</dd>
${m.subject ? html`<dt>${t("networks.motion.subject")}</dt><dd>${memberLink(m.subject, p.known)}</dd>` : ""}
<dt>${t("networks.motion.opened")}</dt><dd>${formatDateTime(locale, m.opensAt)}</dd>
<dt>${t("networks.motion.closes")}</dt><dd>${formatDateTime(locale, m.closesAt)}</dd>
<dt>${t("networks.motion.charter")}</dt><dd>${formatNumber(locale, m.charter)}</dd>
${m.until ? html`<dt>${t("networks.motion.until")}</dt><dd>${formatDateTime(locale, m.until)}</dd>` : ""}</dl>
${
  answers.length
    ? html`<section aria-labelledby="answers-title"><h2 id="answers-title">${t("networks.motion.answers")}</h2><dl class="answers">${answers.map(([q, a]) => html`<dt>${q}</dt><dd>${a}</dd>`)}</dl></section>`
    : ""
}`;
}

/** What a decision says, in a line. */
export function decisionText(t: Translate, locale: string, d: DecisionView, known: Known): string {
  const name = (actor: string) => known.get(actor)?.name ?? actor;
  switch (d.kind) {
    case "founded":
      return t("networks.decision.founded", { name: d.name, founder: name(d.founder) });
    case "motion": {
      const kind = t(`networks.kind.${d.motionKind}`);
      const what = d.subject ? t("networks.motion.titleWithSubject", { kind, subject: name(d.subject) }) : kind;
      const n = (v: number) => formatNumber(locale, v);
      return labelled(
        locale,
        t(`networks.decision.${d.outcome}`, { what }),
        t("networks.decision.tally", {
          yes: n(d.tally.yes),
          no: n(d.tally.no),
          abstain: n(d.tally.abstain),
          block: n(d.tally.block),
        }),
      );
    }
    case "left":
      return t("networks.decision.left", { member: name(d.member) });
    case "suspension-ended":
      return t("networks.decision.suspensionEnded", { member: name(d.member) });
  }
}

/** The decision record, oldest first, each with its digest and the one it follows: the chain to audit. */
export function decisionTable(p: {
  t: Translate;
  locale: string;
  network: string;
  decisions: readonly DecisionView[];
  known: Known;
}) {
  const { t, locale } = p;
  const h = {
    seq: t("networks.decisions.seq"),
    at: t("networks.decisions.at"),
    what: t("networks.decisions.what"),
    digest: t("networks.decisions.digest"),
  };
  return html`<table class="reflow decisions"><caption>${t("networks.decisions.caption")}</caption><thead><tr><th scope="col">${h.seq}</th><th scope="col">${h.at}</th><th scope="col">${h.what}</th><th scope="col">${h.digest}</th></tr></thead><tbody>
${p.decisions.map(
  (
    d,
  ) => html`<tr id="decision-${d.seq}"><td data-label="${h.seq}">${formatNumber(locale, d.seq)}</td><td data-label="${h.at}">${formatDateTime(locale, d.at)}</td>
<td data-label="${h.what}">${d.kind === "motion" ? html`<a href="/admin/networks/${p.network}/motions/${motionKeyOf(d.motion)}">${decisionText(t, locale, d, p.known)}</a>` : decisionText(t, locale, d, p.known)}</td>
<td data-label="${h.digest}"><code class="digest">${d.digest}</code>${d.previous ? html`<br><small>${t("networks.decisions.previous")} <code class="digest">${d.previous}</code></small>` : ""}</td></tr>`,
)}</tbody></table>`;
}
