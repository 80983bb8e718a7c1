// The tally of one motion: a pure function of its rule, its frozen electorate (with who was paused when it
// opened), who may still vote at the close, and the ballots that count. Nothing else enters.
import type { Rule } from "./charter.ts";
import type { Choice } from "./objects.ts";

export type Tally = {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly block: number;
  /** Members in the frozen electorate who could still vote at the close. */
  readonly electorate: number;
  /** The quorum's denominator: the electorate minus paused members who did not vote. */
  readonly counted: number;
  /** Ballots needed for the quorum. */
  readonly quorum: number;
};

export type TallyResult = { readonly tally: Tally; readonly passed: boolean };

export type CountedBallot = { readonly by: string; readonly choice: Choice };

/**
 * `eligible`: the frozen electorate minus members suspended, expelled or gone by the close;
 * `paused`: those of them who were paused when the motion opened; `ballots`: one per voter at most.
 * Blocks count as "no" in the threshold, and stop the motion when the rule says so.
 */
export function tallyMotion(
  rule: Rule,
  eligible: ReadonlySet<string>,
  paused: ReadonlySet<string>,
  ballots: readonly CountedBallot[],
): TallyResult {
  const counts: Record<Choice, number> = { yes: 0, no: 0, abstain: 0, block: 0 };
  const voted = new Set<string>();
  for (const b of ballots) {
    if (!eligible.has(b.by) || voted.has(b.by)) continue;
    voted.add(b.by);
    counts[b.choice] += 1;
  }
  let silentPaused = 0;
  for (const m of paused) if (eligible.has(m) && !voted.has(m)) silentPaused += 1;
  const counted = eligible.size - silentPaused;
  const quorum = Math.ceil(rule.quorum * counted - 1e-9);
  const cast = voted.size;
  const against = counts.no + counts.block;
  const decided = counts.yes + against;
  const passed =
    counted > 0 &&
    cast >= Math.max(quorum, 1) &&
    decided > 0 &&
    counts.yes / decided > rule.threshold &&
    !(rule.block && counts.block > 0);
  return { tally: { ...counts, electorate: eligible.size, counted, quorum }, passed };
}
