// How an open motion stands, read from its tally and its rule: the same three tests the decision applies
// at the close (quorum, threshold, block), so that operators can read a live tally without doing the sums.
import type { Rule } from "./charter.ts";

/** A network's key: the last segment of its id, 20 hex digits. A motion's key has the same form. */
export const KEY_PATTERN = /^[0-9a-f]{20}$/;

/** A motion's key: the first 20 hex digits of its digest (`sha256:<hex>`). */
export const motionKeyOf = (digest: string): string => digest.replace(/^sha256:/, "").slice(0, 20);

export type Counts = {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly block: number;
  /** Ballots needed for the quorum. */
  readonly quorum: number;
};

export type Standing = {
  /** Ballots cast, abstentions included. */
  readonly cast: number;
  readonly quorumMet: boolean;
  /** yes ÷ (yes + no + block), null before any of them. */
  readonly share: number | null;
  readonly thresholdMet: boolean;
  /** A block that stops the motion under its rule. */
  readonly blocked: boolean;
  /** Whether it would pass if it closed with these ballots. */
  readonly passing: boolean;
};

export function standingOf(counts: Counts, rule: Rule): Standing {
  const cast = counts.yes + counts.no + counts.abstain + counts.block;
  const decided = counts.yes + counts.no + counts.block;
  const share = decided > 0 ? counts.yes / decided : null;
  const quorumMet = cast >= Math.max(counts.quorum, 1);
  const thresholdMet = share !== null && share > rule.threshold;
  const blocked = rule.block && counts.block > 0;
  return { cast, quorumMet, share, thresholdMet, blocked, passing: quorumMet && thresholdMet && !blocked };
}
