// What a member instance may do in a network, checked against its current record before it signs and
// sends anything: found, open a motion, cast a ballot, leave. These checks are local courtesy (the fold
// is what decides, on every member); they give operators a reason, as a failure code, when an action
// would not count.
import { type CharterBody, MOTION_KINDS, type MotionKind, parseCharter } from "./charter.ts";
import { accept, type Outcome, refuse } from "./failures.ts";
import type { Ballot, Choice, Genesis, Leave, Motion } from "./objects.ts";
import { CHOICES } from "./objects.ts";
import type { NetworkRecord } from "./record.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/** A new network's founding, checked against this instance's shortest window. */
export function foundNetwork(
  input: { network: string; name: string; founder: string; charter: unknown },
  now: number,
  minWindowMs: number,
): Outcome<Genesis> {
  const name = input.name.trim();
  if (!name || name.length > 200) return refuse("network.charter_invalid", { field: "name" });
  const charter = parseCharter(input.charter, minWindowMs);
  if (!charter.ok) return charter;
  return accept({
    type: "Genesis",
    network: input.network,
    name,
    founder: input.founder,
    charter: charter.value,
    published: iso(now),
  });
}

export type MotionInput = {
  kind: string;
  subject?: string;
  text: string;
  /** An amendment's next charter. */
  charter?: unknown;
  until?: string;
  answers?: Record<string, string>;
};

/** A motion this member may open now (for an admission: on behalf of the applicant in `subject`). */
export function openMotion(
  record: NetworkRecord,
  self: string,
  input: MotionInput,
  now: number,
  minWindowMs: number,
): Outcome<Motion> {
  const me = record.members.get(self);
  if (me?.status !== "member") return refuse(me?.status === "suspended" ? "network.suspended" : "network.not_member");
  if (!(MOTION_KINDS as readonly string[]).includes(input.kind))
    return refuse("network.motion_invalid", { field: "kind" });
  const kind = input.kind as MotionKind;
  const text = input.text.trim();
  if (text.length > 50_000) return refuse("network.motion_invalid", { field: "text" });
  const subject = input.subject ? record.members.get(input.subject) : undefined;
  const fits =
    kind === "admission"
      ? !!input.subject && (!subject || subject.status === "left" || subject.status === "expelled")
      : kind === "suspension"
        ? subject?.status === "member" && input.subject !== self
        : kind === "reinstatement"
          ? subject?.status === "suspended"
          : kind === "expulsion"
            ? (subject?.status === "member" || subject?.status === "suspended") && input.subject !== self
            : input.subject === undefined;
  if (!fits) return refuse("network.subject_invalid", { kind });
  let until: string | undefined;
  if (input.until !== undefined) {
    const t = Date.parse(input.until);
    if (kind !== "suspension" || !Number.isFinite(t) || t <= now)
      return refuse("network.motion_invalid", { field: "until" });
    until = iso(t);
  }
  let amendment: CharterBody | undefined;
  if (kind === "amendment") {
    const next = parseCharter(input.charter, minWindowMs);
    if (!next.ok) return next;
    amendment = next.value;
  } else if (input.charter !== undefined) return refuse("network.motion_invalid", { field: "charter" });
  return accept({
    type: "Motion",
    network: record.network,
    by: self,
    kind,
    text,
    charter: record.charter.version,
    published: iso(now),
    ...(input.subject ? { subject: input.subject } : {}),
    ...(amendment ? { amendment } : {}),
    ...(until ? { until } : {}),
    ...(input.answers ? { answers: input.answers } : {}),
  });
}

/** This member's ballot on an open motion (a later one replaces it until the close). */
export function castBallot(
  record: NetworkRecord,
  self: string,
  motionId: string,
  input: { choice: string; reason?: string },
  now: number,
): Outcome<Ballot> {
  const state = record.motions.get(motionId);
  if (!state) return refuse("network.motion_unknown");
  if (state.status !== "open") return refuse("network.motion_not_open", { status: state.status });
  if (now >= state.closesAt) return refuse("network.motion_closed", { closesAt: iso(state.closesAt) });
  const me = record.members.get(self);
  if (me?.status === "suspended") return refuse("network.suspended");
  if (me?.status !== "member") return refuse("network.not_member");
  if (!state.electorate.includes(self)) return refuse("network.not_in_electorate");
  if (!(CHOICES as readonly string[]).includes(input.choice)) return refuse("network.choice_invalid");
  const reason = input.reason?.trim();
  if (input.choice === "block" && !reason) return refuse("network.block_needs_reason");
  if (reason && reason.length > 5000) return refuse("network.motion_invalid", { field: "reason" });
  return accept({
    type: "Ballot",
    network: record.network,
    motion: motionId,
    by: self,
    choice: input.choice as Choice,
    published: iso(now),
    ...(reason ? { reason } : {}),
  });
}

/** Leaving: open to a member or a suspended member, at any time. */
export function leaveNetwork(record: NetworkRecord, self: string, now: number): Outcome<Leave> {
  const me = record.members.get(self);
  if (me?.status !== "member" && me?.status !== "suspended") return refuse("network.not_member");
  return accept({ type: "Leave", network: record.network, by: self, published: iso(now) });
}
