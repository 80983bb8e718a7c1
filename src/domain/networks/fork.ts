// Forks: two records of one network that disagree on a decision both hold. The record is a pure function
// of the inputs, so a fork means either that the inputs differ (a member decided before it held what
// another member held: a partition longer than the settlement delay, or a member that was down) or that
// the rules differ (members running incompatible versions). Either way it is shown, never merged silently.
import type { Decision } from "./record.ts";

export type Fork = {
  /** The first sequence number at which the two records differ. */
  readonly seq: number;
  readonly ours: string;
  readonly theirs: string;
};

/** Where two records (or one record, before and after new inputs) first differ, if they do on a shared decision. */
export function firstDivergence(
  ours: readonly Pick<Decision, "seq" | "digest">[],
  theirs: readonly Pick<Decision, "seq" | "digest">[],
): Fork | undefined {
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if (a.digest !== b.digest) return { seq: i, ours: a.digest, theirs: b.digest };
  }
  return undefined;
}
