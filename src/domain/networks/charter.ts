// The charter: a network's purpose, the questions an applicant answers, and the decision rules per kind
// of motion. Versioned; its digest (over the canonical JSON of the body) is what motions cite.
import { digestOf } from "./canonical.ts";
import { durationMs } from "./duration.ts";
import { accept, type Outcome, refuse } from "./failures.ts";

export const MOTION_KINDS = [
  "admission",
  "suspension",
  "reinstatement",
  "expulsion",
  "amendment",
  "resolution",
] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

export type Rule = {
  /** ISO 8601 duration of the voting window. */
  readonly window: string;
  /** Fraction of the counted electorate that must cast a ballot (abstentions count). */
  readonly quorum: number;
  /** yes ÷ (yes + no) must exceed this. */
  readonly threshold: number;
  /** Whether one block stops the motion. */
  readonly block: boolean;
};

export type CharterBody = {
  readonly purpose: string;
  readonly questions: readonly string[];
  readonly rules: Readonly<Record<MotionKind, Rule>>;
  /** Consecutive missed motions after which a member is paused (0: never). */
  readonly pauseAfterMissed: number;
  /** Mutual aid's health watch: distinct members whose failing reports mark a member down (absent: 2). */
  readonly watchReporters?: number;
};

export type Charter = CharterBody & { readonly version: number; readonly digest: string };

/** The rule a kind gets when the charter does not name it: two weeks, half the members, a majority, blocks stop. */
export const DEFAULT_RULE: Rule = Object.freeze({ window: "P14D", quorum: 0.5, threshold: 0.5, block: true });

const fraction = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;

/** Checks a charter proposed by an operator or found in a motion, filling unnamed kinds with DEFAULT_RULE. */
export function parseCharter(input: unknown, minWindowMs: number): Outcome<CharterBody> {
  if (typeof input !== "object" || input === null) return refuse("network.charter_invalid", { field: "charter" });
  const c = input as Record<string, unknown>;
  const purpose = c.purpose ?? "";
  if (typeof purpose !== "string" || purpose.length > 20_000)
    return refuse("network.charter_invalid", { field: "purpose" });
  const questions = c.questions ?? [];
  if (
    !Array.isArray(questions) ||
    questions.length > 50 ||
    !questions.every((q) => typeof q === "string" && q.trim() && q.length <= 2000)
  )
    return refuse("network.charter_invalid", { field: "questions" });
  const pause = c.pauseAfterMissed ?? 3;
  if (typeof pause !== "number" || !Number.isInteger(pause) || pause < 0 || pause > 1000)
    return refuse("network.charter_invalid", { field: "pauseAfterMissed" });
  const reporters = c.watchReporters;
  if (
    reporters !== undefined &&
    (typeof reporters !== "number" || !Number.isInteger(reporters) || reporters < 2 || reporters > 100)
  )
    return refuse("network.charter_invalid", { field: "watchReporters" });
  const rulesIn = c.rules ?? {};
  if (typeof rulesIn !== "object" || rulesIn === null || Array.isArray(rulesIn))
    return refuse("network.charter_invalid", { field: "rules" });
  const rules = {} as Record<MotionKind, Rule>;
  for (const name of Object.keys(rulesIn)) {
    if (!(MOTION_KINDS as readonly string[]).includes(name))
      return refuse("network.charter_invalid", { field: `rules.${name}` });
  }
  for (const kind of MOTION_KINDS) {
    const r = (rulesIn as Record<string, unknown>)[kind];
    if (r === undefined) {
      rules[kind] = DEFAULT_RULE;
      continue;
    }
    if (typeof r !== "object" || r === null) return refuse("network.charter_invalid", { field: `rules.${kind}` });
    const {
      window = DEFAULT_RULE.window,
      quorum = DEFAULT_RULE.quorum,
      threshold = DEFAULT_RULE.threshold,
      block = DEFAULT_RULE.block,
    } = r as Record<string, unknown>;
    const ms = typeof window === "string" ? durationMs(window) : undefined;
    if (ms === undefined) return refuse("network.window_invalid", { kind, window: String(window) });
    if (ms < minWindowMs)
      return refuse("network.window_too_short", { kind, window: String(window), minimumMs: minWindowMs });
    if (!fraction(quorum)) return refuse("network.charter_invalid", { field: `rules.${kind}.quorum` });
    if (!fraction(threshold) || threshold === 1)
      return refuse("network.charter_invalid", { field: `rules.${kind}.threshold` });
    if (typeof block !== "boolean") return refuse("network.charter_invalid", { field: `rules.${kind}.block` });
    rules[kind] = { window: window as string, quorum, threshold, block };
  }
  return accept({
    purpose,
    questions: questions.map((q: string) => q.trim()),
    rules,
    pauseAfterMissed: pause,
    ...(reporters === undefined ? {} : { watchReporters: reporters }),
  });
}

/** A charter body at a version, with its digest. The digest covers the version, so v2 never equals v1. */
export function charterAt(body: CharterBody, version: number): Charter {
  const canonicalBody: CharterBody = {
    purpose: body.purpose,
    questions: [...body.questions],
    rules: Object.fromEntries(MOTION_KINDS.map((k) => [k, { ...body.rules[k] }])) as Record<MotionKind, Rule>,
    pauseAfterMissed: body.pauseAfterMissed,
    // Only when set: a charter without it keeps the digest it always had.
    ...(body.watchReporters === undefined ? {} : { watchReporters: body.watchReporters }),
  };
  return Object.freeze({ ...canonicalBody, version, digest: digestOf({ ...canonicalBody, version }) });
}

/** Window of a kind in ms (the charter was checked when it was made, so this is defined). */
export function windowMs(charter: CharterBody, kind: MotionKind): number {
  return durationMs(charter.rules[kind].window) ?? durationMs(DEFAULT_RULE.window) ?? 0;
}
