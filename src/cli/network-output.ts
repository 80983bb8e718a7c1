// How `commonhost network` writes what the API answers: one line per network, motion or decision, with
// everything that came from other servers made terminal-safe.
import { printable } from "./command.ts";

export type ApiMember = { actor: string; state: string; since: string; until?: string };
export type ApiNetwork = {
  key: string;
  id: string;
  name: string;
  status: string;
  via?: string;
  members: ApiMember[];
  charter: { version: number; digest: string };
  head: string | null;
  openMotions: number;
  fork: { seq: number; ours: string; theirs: string } | null;
};
export type ApiBallot = { by: string; choice: string; reason?: string; published: string };
export type ApiMotion = {
  key: string;
  kind: string;
  subject: string | null;
  text: string;
  by: string;
  state: string;
  voidReason?: string;
  closesAt: string;
  tally: { yes: number; no: number; abstain: number; block: number; electorate: number; quorum: number };
  ballots: ApiBallot[];
  mine?: ApiBallot;
  canVote: boolean;
};
export type ApiDecision = {
  seq: number;
  at: string;
  digest: string;
  kind: string;
  name?: string;
  founder?: string;
  motion?: string;
  motionKind?: string;
  subject?: string;
  outcome?: string;
  member?: string;
  tally?: { yes: number; no: number; abstain: number; block: number };
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function networkLines(n: ApiNetwork): string[] {
  const current = n.members.filter((m) => m.state === "member" || m.state === "paused").length;
  const lines = [
    `${n.key}  ${printable(n.name, 80)}  ${n.status}  ${plural(current, "member")}  ${plural(n.openMotions, "open motion")}  charter v${n.charter.version}`,
  ];
  if (n.via) lines.push(`  applying through ${printable(n.via)}`);
  if (n.fork)
    lines.push(
      `  WARNING: the decision record changed from decision ${n.fork.seq} on (was ${n.fork.theirs}, now ${n.fork.ours}); see docs/governance.md`,
    );
  return lines;
}

export const tallyText = (t: ApiMotion["tally"]) =>
  `yes ${t.yes}, no ${t.no}, abstain ${t.abstain}, block ${t.block}; ${t.yes + t.no + t.abstain + t.block} of ${t.electorate} voted, quorum ${t.quorum}`;

export function motionLines(m: ApiMotion): string[] {
  const state = m.state === "void" && m.voidReason ? `void (${printable(m.voidReason, 40)})` : m.state;
  const lines = [
    `${m.key}  ${m.kind}  ${state}  closes ${m.closesAt}  ${tallyText(m.tally)}`,
    `  ${printable(m.text, 160)}`,
  ];
  if (m.subject) lines.push(`  subject: ${printable(m.subject)}`);
  if (m.mine) lines.push(`  this instance voted ${m.mine.choice}`);
  else if (m.canVote) lines.push("  this instance has not voted");
  return lines;
}

export function decisionLine(d: ApiDecision): string {
  const what =
    d.kind === "founded"
      ? `founded "${printable(d.name ?? "", 80)}" by ${printable(d.founder ?? "")}`
      : d.kind === "motion"
        ? `${d.motionKind} ${d.outcome}${d.subject ? ` (${printable(d.subject)})` : ""}: yes ${d.tally?.yes}, no ${d.tally?.no}, abstain ${d.tally?.abstain}, block ${d.tally?.block}`
        : d.kind === "left"
          ? `${printable(d.member ?? "")} left`
          : d.kind === "suspension-ended"
            ? `suspension of ${printable(d.member ?? "")} ended`
            : d.kind;
  return `${String(d.seq).padStart(4)}  ${d.at}  ${what}  ${d.digest}`;
}

/** The lines of an API error: its message, then one per field. */
export function apiErrorLines(status: number, json: unknown): string[] {
  const error = (json as { error?: { message?: string; fields?: Record<string, string> } } | null)?.error;
  if (!error?.message) return [`The server answered HTTP ${status}.`];
  return [
    printable(error.message, 400),
    ...Object.entries(error.fields ?? {}).map(([k, v]) => `  ${printable(k, 80)}: ${printable(v, 200)}`),
  ];
}
