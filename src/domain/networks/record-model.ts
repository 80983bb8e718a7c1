// The shapes of the decision record and of its inputs, and the index of who witnessed which ballot.
// record.ts folds inputs into a record of these shapes.
import type { Charter, MotionKind } from "./charter.ts";
import type { Ballot, Closing, Genesis, Leave, Motion } from "./objects.ts";
import { idOf } from "./objects.ts";
import type { Tally } from "./tally.ts";

/** The floor every member applies to a window in the fold (NETWORK_MIN_WINDOW is a local check on top). */
export const PROTOCOL_MIN_WINDOW_MS = 1000;

export type MemberStatus = "member" | "suspended" | "expelled" | "left";

export type MemberState = {
  readonly actor: string;
  readonly status: MemberStatus;
  /** When the status began (ms). */
  readonly since: number;
  /** A suspension's end (ms), null when until reinstated. */
  readonly until: number | null;
  /** Consecutive motions missed. */
  readonly missed: number;
  readonly paused: boolean;
};

export type MotionStatus = "open" | "passed" | "failed" | "void";

export type MotionState = {
  readonly id: string;
  readonly motion: Motion;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly status: MotionStatus;
  /** Why a motion is void (`not_member`, `stale_charter`, `subject_invalid`, `unwitnessed`, `charter_invalid`). */
  readonly voidReason?: string;
  readonly electorate: readonly string[];
  readonly paused: readonly string[];
  readonly tally?: Tally;
  /** The ballots that count (or, while open, that would count now), one per voter. */
  readonly ballots: readonly CountedBallotRef[];
};

export type CountedBallotRef = {
  readonly by: string;
  readonly choice: Ballot["choice"];
  readonly ballot: string;
  readonly reason?: string;
};

export type DecisionBody =
  | { readonly kind: "founded"; readonly name: string; readonly founder: string; readonly charter: string }
  | {
      readonly kind: "motion";
      readonly motion: string;
      readonly motionKind: MotionKind;
      readonly subject?: string;
      readonly charter: number;
      readonly outcome: "passed" | "failed";
      readonly tally: Tally;
      readonly ballots: readonly CountedBallotRef[];
    }
  | { readonly kind: "left"; readonly member: string; readonly leave: string }
  | { readonly kind: "suspension-ended"; readonly member: string };

export type Decision = DecisionBody & {
  readonly network: string;
  readonly seq: number;
  /** The previous decision's digest (null for the founding). */
  readonly previous: string | null;
  readonly at: string;
  readonly digest: string;
};

export type NetworkRecord = {
  readonly network: string;
  readonly name: string;
  readonly charter: Charter;
  readonly charters: readonly Charter[];
  readonly members: ReadonlyMap<string, MemberState>;
  readonly motions: ReadonlyMap<string, MotionState>;
  readonly decisions: readonly Decision[];
  readonly head: string;
};

/** An input with its id (the digest of its canonical JSON, computed once when it was received). */
export type Identified<T> = { readonly id: string; readonly object: T };

/** Who listed which ballot in a closing: motion -> ballot -> closers, and motion -> closers. */
export type WitnessIndex = {
  readonly witnessed: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly closers: ReadonlyMap<string, ReadonlySet<string>>;
};

/** Adds a closing to a witness index (replicas keep one up to date as closings arrive). */
export function indexClosing(
  index: { witnessed: Map<string, Map<string, Set<string>>>; closers: Map<string, Set<string>> },
  c: Closing,
): void {
  const who = index.closers.get(c.motion) ?? new Set();
  who.add(c.by);
  index.closers.set(c.motion, who);
  const byBallot = index.witnessed.get(c.motion) ?? new Map<string, Set<string>>();
  for (const id of c.ballots) {
    const w = byBallot.get(id) ?? new Set();
    w.add(c.by);
    byBallot.set(id, w);
  }
  index.witnessed.set(c.motion, byBallot);
}

export type Inputs = {
  readonly genesis: Genesis;
  /** The closings already indexed (must be the index of `closings`, for this network only). */
  readonly witnessIndex?: WitnessIndex;
  readonly motions: Iterable<Identified<Motion>>;
  readonly ballots: Iterable<Identified<Ballot>>;
  readonly closings: Iterable<Identified<Closing>>;
  readonly leaves: Iterable<Identified<Leave>>;
};

/** Identifies plain objects (tests and tools; replicas keep the ids they computed on receipt). */
export function identified<T extends object>(objects: Iterable<T>): Identified<T>[] {
  return [...objects].map((object) => ({ id: idOf(object as never), object }));
}
