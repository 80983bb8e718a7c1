// The network forms of the panel: founding (with the charter's fields), applying, opening a motion and
// casting a ballot. Every field is labelled; errors sit next to their field and in the summary above.
import { html } from "hono/html";
import { MOTION_KINDS, ON_BEHALF } from "../../../domain/networks/charter.ts";
import { formatDate, labelled } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import type { BallotValues, CharterValues, FoundValues, JoinValues, MotionValues } from "../../panel/network-forms.ts";
import { csrfField, errorSummary, idOf, selectField, textArea, textField, type Errors } from "./forms.ts";

/** The labels of the charter's fields, in form order (for the error summary). */
function charterLabels(t: Translate, withPurpose: boolean): Record<string, string> {
  const labels: Record<string, string> = {};
  if (withPurpose) labels["charter.purpose"] = t("networks.form.purpose");
  labels["charter.questions"] = t("networks.form.questions");
  labels["charter.pauseAfterMissed"] = t("networks.form.pauseAfterMissed");
  labels["charter.watch.k"] = t("networks.form.watchK");
  labels["charter.watch.interval"] = t("networks.form.watchInterval");
  labels["charter.onBehalf"] = t("networks.form.onBehalf");
  for (const kind of MOTION_KINDS) {
    const of = (field: string) => labelled(t.locale ?? "en", t(`networks.kind.${kind}`), t(`networks.form.${field}`));
    labels[`charter.rules.${kind}.window`] = of("window");
    labels[`charter.rules.${kind}.quorum`] = of("quorum");
    labels[`charter.rules.${kind}.threshold`] = of("threshold");
    labels[`charter.rules.${kind}.block`] = of("block");
  }
  return labels;
}

/** The charter's fields: questions, pausing, and one fieldset of rules per kind of motion. */
export function charterFields(p: { t: Translate; values: CharterValues; errors: Errors; withPurpose: boolean }) {
  const { t, values, errors } = p;
  const ruleErrors = Object.keys(errors).some((k) => k.startsWith("charter.rules."));
  return html`${p.withPurpose ? textArea({ name: "charter.purpose", label: t("networks.form.purpose"), hint: t("panel.hint.markdown"), value: values.purpose, error: errors["charter.purpose"], rows: 4 }) : ""}
${textArea({ name: "charter.questions", label: t("networks.form.questions"), hint: t("networks.form.questionsHint"), value: values.questions, error: errors["charter.questions"], rows: 4 })}
${textField({ name: "charter.pauseAfterMissed", label: t("networks.form.pauseAfterMissed"), hint: t("networks.form.pauseHint"), value: values.pauseAfterMissed, error: errors["charter.pauseAfterMissed"] })}
${textField({ name: "charter.watch.k", label: t("networks.form.watchK"), hint: t("networks.form.watchKHint"), value: values.watchK, error: errors["charter.watch.k"] })}
${textField({ name: "charter.watch.interval", label: t("networks.form.watchInterval"), hint: t("networks.form.watchIntervalHint"), value: values.watchInterval, error: errors["charter.watch.interval"] })}
${selectField({ name: "charter.onBehalf", label: t("networks.form.onBehalf"), value: values.onBehalf, error: errors["charter.onBehalf"], options: ON_BEHALF.map((o) => ({ value: o, label: t(`networks.onBehalf.${o}`) })) })}
<details class="section"${ruleErrors ? " open" : ""}><summary>${t("networks.form.rules")}</summary><p>${t("networks.form.rulesHint")}</p>
${MOTION_KINDS.map((kind) => {
  const name = (f: string) => `charter.rules.${kind}.${f}`;
  const r = values.rules[kind];
  return html`<fieldset><legend>${t(`networks.kind.${kind}`)}</legend>
${textField({ name: name("window"), label: t("networks.form.window"), value: r.window, error: errors[name("window")] })}
${textField({ name: name("quorum"), label: t("networks.form.quorum"), value: r.quorum, error: errors[name("quorum")] })}
${textField({ name: name("threshold"), label: t("networks.form.threshold"), value: r.threshold, error: errors[name("threshold")] })}
<p><input type="checkbox" id="${idOf(name("block"))}" name="${name("block")}" value="1"${r.block ? " checked" : ""}><label for="${idOf(name("block"))}">${t("networks.form.block")}</label></p></fieldset>`;
})}</details>`;
}

export function foundForm(p: { t: Translate; csrf: string; values: FoundValues; errors: Errors }) {
  const { t, values, errors } = p;
  const labels = { name: t("networks.form.name"), purpose: t("networks.form.purpose"), ...charterLabels(t, false) };
  return html`${errorSummary(t, errors, labels)}<form method="post" action="/admin/networks/found#result">${csrfField(p.csrf)}
${textField({ name: "name", label: t("networks.form.name"), value: values.name, error: errors.name, required: true })}
${textArea({ name: "purpose", label: t("networks.form.purpose"), hint: t("panel.hint.markdown"), value: values.purpose, error: errors.purpose, rows: 4 })}
${charterFields({ t, values: values.charter, errors, withPurpose: false })}
<p><button type="submit" class="primary">${t("networks.form.found")}</button></p></form>`;
}

/** The network being applied to, once the member's public list has been read. */
export type JoinTarget = { readonly key: string; readonly name: string; readonly questions: readonly string[] };

/**
 * Applying, in two steps: first the member to go through (and the network, chosen from what that member
 * lists when it is in several), then the network's name and one answer per question of its charter.
 */
export function joinForm(p: {
  t: Translate;
  csrf: string;
  values: JoinValues;
  errors: Errors;
  /** The networks the member lists, to choose from. */
  choices?: readonly { value: string; label: string }[] | undefined;
  /** Set for the second step. */
  target?: JoinTarget | undefined;
}) {
  const { t, values, errors, target } = p;
  if (target) {
    const labels = Object.fromEntries(target.questions.map((q, i) => [`answer-${i}`, q]));
    return html`${errorSummary(t, errors, { via: t("networks.form.via"), ...labels })}<form method="post" action="/admin/networks/join#result">${csrfField(p.csrf)}
<input type="hidden" name="via" value="${values.via}"><input type="hidden" name="network" value="${target.key}">
<p>${t("networks.form.applyingTo", { name: target.name, via: values.via })}</p>
${errors.via ? html`<p class="error" id="f-via">${errors.via}</p>` : ""}
${target.questions.length ? target.questions.map((q, i) => textArea({ name: `answer-${i}`, label: q, value: values.answers[i] ?? "", error: errors[`answer-${i}`], rows: 3 })) : html`<p>${t("networks.charter.noQuestions")}</p>`}
<p class="actions"><button type="submit" name="_action" value="apply" class="primary">${t("networks.form.apply")}</button> <a href="/admin/networks#join-title">${t("panel.confirm.cancel")}</a></p></form>`;
  }
  const labels = { via: t("networks.form.via"), network: t("networks.form.network") };
  return html`${errorSummary(t, errors, labels)}<form method="post" action="/admin/networks/join#result">${csrfField(p.csrf)}
${textField({ name: "via", label: t("networks.form.via"), hint: t("networks.form.viaHint"), value: values.via, error: errors.via, required: true })}
${
  p.choices?.length
    ? selectField({
        name: "network",
        label: t("networks.form.network"),
        value: values.network,
        error: errors.network,
        options: [...p.choices],
      })
    : textField({
        name: "network",
        label: t("networks.form.network"),
        hint: t("networks.form.networkHint"),
        value: values.network,
        error: errors.network,
      })
}
<p><button type="submit" name="_action" value="continue">${t("networks.form.continue")}</button></p></form>`;
}

/** Opening a motion: any kind but admission (applications open those), with an amendment's next charter. */
export function motionForm(p: {
  t: Translate;
  csrf: string;
  action: string;
  values: MotionValues;
  errors: Errors;
  /** Who a suspension, reinstatement or expulsion may name: the other members. */
  subjects: { value: string; label: string }[];
}) {
  const { t, values, errors } = p;
  const kinds = MOTION_KINDS.filter((k) => k !== "admission").map((k) => ({
    value: k,
    label: t(`networks.kind.${k}`),
  }));
  const labels = {
    kind: t("networks.form.kind"),
    subject: t("networks.form.subject"),
    text: t("networks.form.text"),
    until: t("networks.form.until"),
    ...charterLabels(t, true),
  };
  return html`${errorSummary(t, errors, labels)}<form method="post" action="${p.action}#result">${csrfField(p.csrf)}
${selectField({ name: "kind", label: t("networks.form.kind"), hint: t("networks.form.kindHint"), value: values.kind, error: errors.kind, options: kinds })}
${selectField({ name: "subject", label: t("networks.form.subject"), hint: t("networks.form.subjectHint"), value: values.subject, error: errors.subject, options: p.subjects, blank: t("networks.form.noSubject") })}
${textArea({ name: "text", label: t("networks.form.text"), hint: t("panel.hint.markdown"), value: values.text, error: errors.text, rows: 5 })}
${textField({ name: "until", type: "date", label: t("networks.form.until"), hint: `${t("networks.form.untilHint")} ${t("panel.hint.date", { example: formatDate(t.locale ?? "en", "2027-03-31") })}`, value: values.until, error: errors.until })}
<details class="section"${values.kind === "amendment" || Object.keys(errors).some((k) => k.startsWith("charter.")) ? " open" : ""}><summary>${t("networks.form.amendment")}</summary><p>${t("networks.form.amendmentHint")}</p>
${charterFields({ t, values: values.charter, errors, withPurpose: true })}</details>
<p><button type="submit" class="primary">${t("networks.form.open")}</button></p></form>`;
}

/** A ballot: the four choices as radio buttons, and a reason (needed with block). */
export function ballotForm(p: {
  t: Translate;
  csrf: string;
  action: string;
  /** Tells ballot forms apart when a page has several. */
  suffix?: string;
  values: BallotValues;
  errors: Errors;
  /** Where to come back after voting: the network's page or the motion's. */
  back: "network" | "motion";
}) {
  const { t, values, errors } = p;
  const id = (name: string) => `${idOf(name)}${p.suffix ? `-${p.suffix}` : ""}`;
  const choices = ["yes", "no", "abstain", "block"];
  return html`<form method="post" action="${p.action}#result" class="ballot">${csrfField(p.csrf)}<input type="hidden" name="back" value="${p.back}">
<fieldset${errors.choice ? html` aria-describedby="${id("choice")}-error"` : ""}><legend>${t("networks.ballot.legend")}</legend>
${errors.choice ? html`<p id="${id("choice")}-error" class="error">${errors.choice}</p>` : ""}
<ul class="checks" id="${id("choice")}">${choices.map((c) => html`<li><input type="radio" id="${id("choice")}-${c}" name="choice" value="${c}"${values.choice === c ? " checked" : ""}><label for="${id("choice")}-${c}">${t(`networks.choice.${c}`)}</label></li>`)}</ul></fieldset>
${textArea({ name: "reason", id: id("reason"), label: t("networks.ballot.reason"), hint: t("networks.ballot.reasonHint"), value: values.reason, error: errors.reason, rows: 2 })}
<p><button type="submit" class="primary">${t("networks.ballot.cast")}</button></p></form>`;
}
