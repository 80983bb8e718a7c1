// The network forms of the panel as typed, and what they become: the same inputs the API takes, checked
// with the API's schemas so that the panel and the API accept and refuse the same things. Quorum and
// threshold are typed as percentages here, fractions in the API.
import type { z } from "zod";
import {
  type Charter,
  DEFAULT_RULE,
  DEFAULT_WATCH_K,
  MOTION_KINDS,
  type MotionKind,
  onBehalfRule,
  watchK,
} from "../../domain/networks/charter.ts";
import { withFields, type FailureContext } from "../../domain/networks/failure-fields.ts";
import { fieldErrors, type Failure } from "../../domain/validation.ts";
import { fieldTexts } from "../../i18n/failures.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { ballotCastSchema, motionOpenSchema, networkFoundSchema } from "../api/network-schemas.ts";
import { field, type Form } from "./guard.ts";

export type RuleValues = { window: string; quorum: string; threshold: string; block: boolean };
export type CharterValues = {
  purpose: string;
  questions: string;
  pauseAfterMissed: string;
  watchK: string;
  watchInterval: string;
  onBehalf: string;
  rules: Record<MotionKind, RuleValues>;
};
export type FoundValues = { name: string; purpose: string; charter: CharterValues };
export type JoinValues = { via: string; network: string; answers: readonly string[] };
export type MotionValues = { kind: string; subject: string; text: string; until: string; charter: CharterValues };
export type BallotValues = { choice: string; reason: string };

const percent = (fraction: number) => String(Math.round(fraction * 1000) / 10);

/** The charter fields filled from a charter (an amendment starts from the one in force), or with the defaults. */
export function charterValues(charter?: Charter): CharterValues {
  const rules = Object.fromEntries(
    MOTION_KINDS.map((kind) => {
      const r = charter?.rules[kind] ?? DEFAULT_RULE;
      return [kind, { window: r.window, quorum: percent(r.quorum), threshold: percent(r.threshold), block: r.block }];
    }),
  ) as Record<MotionKind, RuleValues>;
  return {
    purpose: charter?.purpose ?? "",
    questions: (charter?.questions ?? []).join("\n"),
    pauseAfterMissed: String(charter?.pauseAfterMissed ?? 3),
    watchK: String(charter ? watchK(charter) : DEFAULT_WATCH_K),
    watchInterval: charter?.watch?.interval ?? "",
    onBehalf: charter ? onBehalfRule(charter) : "partners",
    rules,
  };
}

function readCharter(form: Form): CharterValues {
  const rules = Object.fromEntries(
    MOTION_KINDS.map((kind) => {
      const at = (name: string) => field(form, `charter.rules.${kind}.${name}`).trim();
      return [
        kind,
        { window: at("window"), quorum: at("quorum"), threshold: at("threshold"), block: at("block") === "1" },
      ];
    }),
  ) as Record<MotionKind, RuleValues>;
  return {
    purpose: field(form, "charter.purpose"),
    questions: field(form, "charter.questions"),
    pauseAfterMissed: field(form, "charter.pauseAfterMissed").trim(),
    watchK: field(form, "charter.watch.k").trim(),
    watchInterval: field(form, "charter.watch.interval").trim(),
    onBehalf: field(form, "charter.onBehalf"),
    rules,
  };
}

/** A number as typed ("50", "66,7"), or the text itself so that the schema says it is not one. */
const numberOf = (text: string): number | string => {
  const n = Number(text.replace(",", "."));
  return text !== "" && Number.isFinite(n) ? n : text;
};
const fractionOf = (text: string): number | string => {
  const n = numberOf(text);
  return typeof n === "number" ? n / 100 : n;
};

function charterInput(v: CharterValues, purpose?: string) {
  const rules = Object.fromEntries(
    MOTION_KINDS.map((kind) => {
      const r = v.rules[kind];
      return [
        kind,
        {
          ...(r.window ? { window: r.window } : {}),
          ...(r.quorum ? { quorum: fractionOf(r.quorum) } : {}),
          ...(r.threshold ? { threshold: fractionOf(r.threshold) } : {}),
          block: r.block,
        },
      ];
    }),
  );
  const questions = v.questions
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean);
  return {
    ...(purpose !== undefined ? { purpose } : {}),
    questions,
    rules,
    ...(v.pauseAfterMissed ? { pauseAfterMissed: numberOf(v.pauseAfterMissed) } : {}),
    // The aid terms are written only when they say more than the defaults: a charter without them keeps its digest.
    ...(v.watchK && (v.watchK !== String(DEFAULT_WATCH_K) || v.watchInterval)
      ? { watch: { k: numberOf(v.watchK), ...(v.watchInterval ? { interval: v.watchInterval } : {}) } }
      : {}),
    ...(v.onBehalf && v.onBehalf !== "partners" ? { onBehalf: v.onBehalf } : {}),
  };
}

/** A zod path as the name of the form field that holds it (all questions are one text area). */
const fieldName = (path: string) => (path.startsWith("charter.questions") ? "charter.questions" : path);

/** Field errors in the operator's language, by form field name. */
export function formErrors(t: Translate, fields: Failure["fields"]): Record<string, string> {
  const texts = fieldTexts(t, fields);
  const byField: Record<string, string> = {};
  for (const [path, text] of Object.entries(texts)) byField[fieldName(path)] ??= text;
  return byField;
}

/** A domain failure as field errors where it names a field, else as the form's one error. */
export function failureErrors(t: Translate, failure: Failure, context: FailureContext, message: string) {
  const named = withFields(failure, context);
  return named.fields ? formErrors(t, named.fields) : { _form: message };
}

type Parsed<T, V> = { values: V; input?: T; errors: Record<string, string> };

function checked<S extends z.ZodType, V>(t: Translate, schema: S, raw: unknown, values: V): Parsed<z.infer<S>, V> {
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { values, input: parsed.data, errors: {} }
    : { values, errors: formErrors(t, fieldErrors(parsed.error)) };
}

export function readFound(t: Translate, form: Form): Parsed<z.infer<typeof networkFoundSchema>, FoundValues> {
  const values = { name: field(form, "name"), purpose: field(form, "purpose"), charter: readCharter(form) };
  const raw = { name: values.name, purpose: values.purpose, charter: charterInput(values.charter) };
  return checked(t, networkFoundSchema, raw, values);
}

/** The application as typed: the member, the network, and the answers in the order of the questions. */
export function readJoin(form: Form): JoinValues {
  const answers: string[] = [];
  for (let i = 0; i < 50 && form[`answer-${i}`] !== undefined; i++) answers.push(field(form, `answer-${i}`));
  return { via: field(form, "via").trim(), network: field(form, "network").trim(), answers };
}

export function readMotion(t: Translate, form: Form): Parsed<z.infer<typeof motionOpenSchema>, MotionValues> {
  const values = {
    kind: field(form, "kind"),
    subject: field(form, "subject").trim(),
    text: field(form, "text"),
    until: field(form, "until").trim(),
    charter: readCharter(form),
  };
  const raw = {
    kind: values.kind,
    text: values.text,
    ...(values.subject ? { subject: values.subject } : {}),
    // A date input gives the day; the suspension ends at its start, in UTC.
    ...(values.kind === "suspension" && values.until ? { until: `${values.until}T00:00:00Z` } : {}),
    ...(values.kind === "amendment" ? { charter: charterInput(values.charter, values.charter.purpose) } : {}),
  };
  const parsed = checked(t, motionOpenSchema, raw, values);
  // The schema names a bad end as an instant; the form has a date.
  if (parsed.errors.until) parsed.errors.until = t("errors.field.date");
  return parsed;
}

export function readBallot(t: Translate, form: Form): Parsed<z.infer<typeof ballotCastSchema>, BallotValues> {
  const values = { choice: field(form, "choice"), reason: field(form, "reason") };
  const raw = { choice: values.choice, ...(values.reason.trim() ? { reason: values.reason } : {}) };
  return checked(t, ballotCastSchema, raw, values);
}
