// What this instance does in its networks, as the API, the panel and the command line see it. The
// federation layer implements it (src/federation/networks/operations.ts): signing, sending and fetching
// are its part; every answer is read from the decision record this instance folded itself.
import type { Result } from "../validation.ts";
import type { Charter, MotionKind } from "./charter.ts";
import type { Fork } from "./fork.ts";
import type { Choice } from "./objects.ts";
import type { Decision, MemberStatus } from "./record-model.ts";

/** This instance's place in a network. */
export type NetworkStatus = "member" | "applicant" | "rejected" | "suspended" | "expelled" | "left";

export type MemberView = {
  readonly actor: string;
  /** `paused`: a member that missed too many motions in a row (still a member, left out of quorums). */
  readonly state: MemberStatus | "paused";
  readonly since: string;
  /** A suspension's end, when it has one. */
  readonly until?: string;
};

export type NetworkView = {
  /** The same on every member: derived from the network's id. Used in every URL. */
  readonly key: string;
  /** The network's id (a URI). */
  readonly id: string;
  readonly name: string;
  readonly status: NetworkStatus;
  /** The member the application went through (applicants). */
  readonly via?: string;
  readonly members: readonly MemberView[];
  readonly charter: Charter;
  /** The digest of the last decision (null before this instance holds the founding). */
  readonly head: string | null;
  readonly openMotions: number;
  /** Set when what this instance now computes differs from what it showed before. */
  readonly fork: Fork | null;
};

export type TallyView = {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly block: number;
  readonly electorate: number;
  /** Ballots needed for the quorum. */
  readonly quorum: number;
};

export type BallotView = {
  readonly by: string;
  readonly choice: Choice;
  readonly reason?: string;
  readonly published: string;
};

export type MotionView = {
  readonly key: string;
  readonly id: string;
  readonly kind: MotionKind;
  readonly subject: string | null;
  readonly text: string;
  readonly by: string;
  /** The charter version the motion cites. */
  readonly charter: number;
  /** `void` motions (made by a non-member, citing an old charter…) are listed with their reason. */
  readonly state: "open" | "passed" | "failed" | "void";
  readonly voidReason?: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly tally: TallyView;
  /** The ballots that count (while open: that would count now), one per voter: the audit trail. */
  readonly ballots: readonly BallotView[];
  /** This instance's own ballot, if it cast one. */
  readonly mine?: BallotView;
  /** Whether this instance may vote on it now (open, and in its electorate). */
  readonly canVote: boolean;
  /** An application's answers (members only). */
  readonly answers?: Readonly<Record<string, string>>;
  /** A suspension's end. */
  readonly until?: string;
};

export type DecisionView = Decision;

export type FoundInput = { readonly name: string; readonly purpose: string; readonly charter: unknown };
export type JoinInput = {
  /** `@handle@host` or an actor URL of a member. */
  readonly via: string;
  /** The network's key or id; optional when that member is in one network. */
  readonly network?: string;
  readonly answers: Readonly<Record<string, string>>;
};
export type MotionInput = {
  readonly kind: string;
  readonly subject?: string;
  readonly text: string;
  /** An amendment's next charter. */
  readonly charter?: unknown;
  /** A suspension's end (ISO instant). */
  readonly until?: string;
};
export type BallotInput = { readonly choice: string; readonly reason?: string };

export type NetworkOperations = {
  list(): Promise<NetworkView[]>;
  /** By key or id. */
  get(network: string): Promise<NetworkView | undefined>;
  found(input: FoundInput): Promise<Result<NetworkView>>;
  /** Sends an application through a member; the network is then listed with status `applicant`. */
  join(input: JoinInput): Promise<Result<NetworkView>>;
  motions(network: string): Promise<Result<MotionView[]>>;
  motion(network: string, motionKey: string): Promise<Result<MotionView>>;
  openMotion(network: string, input: MotionInput): Promise<Result<MotionView>>;
  vote(network: string, motionKey: string, input: BallotInput): Promise<Result<MotionView>>;
  decisions(network: string): Promise<Result<{ head: string | null; decisions: DecisionView[] }>>;
  leave(network: string): Promise<Result<NetworkView>>;
  /** Clears the warning that the decision record changed (an operator has read it). */
  acknowledgeFork(network: string): Promise<Result<NetworkView>>;
};
