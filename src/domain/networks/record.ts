// The decision record: a pure fold over a network's signed inputs. Every member runs the same fold over
// the same inputs and gets the same record, membership and charter; nothing here depends on which member
// runs it or when it received what (receipt times enter only through other members' signed closings).
//
// Events are processed in time order: suspension ends, departures, closes, then opens at the same instant,
// ties broken by id. A close, a departure or the end of a suspension becomes a decision only once it is
// `settleMs` in the past (so that closings from the other members have arrived); opens are processed up to
// `now`, so open motions show their frozen electorate and a live tally.
import { digestOf } from "./canonical.ts";
import { type Charter, charterAt, parseCharter, windowMs } from "./charter.ts";
import type { Ballot, Leave, Motion } from "./objects.ts";
import { timeOf } from "./objects.ts";
import { tallyMotion } from "./tally.ts";
import {
  type Decision,
  type DecisionBody,
  indexClosing,
  type Inputs,
  type MemberState,
  type MemberStatus,
  type MotionState,
  type NetworkRecord,
  PROTOCOL_MIN_WINDOW_MS,
} from "./record-model.ts";

export * from "./record-model.ts";

type Event =
  | { order: 0; at: number; id: string; kind: "suspension-end"; member: string }
  | { order: 1; at: number; id: string; kind: "leave"; leave: Leave }
  | { order: 2; at: number; id: string; kind: "close"; motion: string }
  | { order: 3; at: number; id: string; kind: "open"; motion: Motion };

const before = (a: Event, b: Event) => a.at - b.at || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A tiny binary heap: the fold pops events in order and pushes closes and suspension ends as it goes. */
class EventQueue {
  private readonly items: Event[] = [];
  push(e: Event) {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(a[i]!, a[p]!) >= 0) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): Event | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && before(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(i: number, j: number) {
    const a = this.items;
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * Decisions' digests, remembered across folds by a short key that determines the whole entry: the previous
 * digest and time fix the sequence and the instant, a motion's id its kind, subject and charter, the
 * counted ballots' ids their voters, choices and reasons.
 */
const entryDigests = new Map<string, string>();

function fingerprint(body: DecisionBody): string {
  switch (body.kind) {
    case "founded":
      return `founded ${body.name} ${body.founder} ${body.charter}`;
    case "motion": {
      const t = body.tally;
      return `motion ${body.motion} ${body.outcome} ${t.yes} ${t.no} ${t.abstain} ${t.block} ${t.electorate} ${t.counted} ${t.quorum} ${body.ballots.map((b) => b.ballot).join(",")}`;
    }
    case "left":
      return `left ${body.member} ${body.leave}`;
    case "suspension-ended":
      return `ended ${body.member}`;
  }
}

/** Folds a network's inputs into its record as of `now` (ms), deciding what closed before `now - settleMs`. */
export function foldRecord(inputs: Inputs, now: number, settleMs: number): NetworkRecord {
  const g = inputs.genesis;
  const network = g.network;
  const decideUntil = now - settleMs;
  const founded = timeOf(g.published);
  const firstCharter = parseCharter(g.charter, PROTOCOL_MIN_WINDOW_MS);
  if (!firstCharter.ok) throw new Error(`the network's founding charter is not valid: ${firstCharter.failure.code}`);
  let charter = charterAt(firstCharter.value, 1);
  const charters: Charter[] = [charter];
  const members = new Map<string, MemberState>();
  members.set(g.founder, { actor: g.founder, status: "member", since: founded, until: null, missed: 0, paused: false });
  const decisions: Decision[] = [];
  const append = (at: number, body: DecisionBody) => {
    const previous = decisions.length ? decisions[decisions.length - 1]!.digest : null;
    const entry = { ...body, network, seq: decisions.length, previous, at: new Date(at).toISOString() };
    const key = `${network} ${previous} ${at} ${fingerprint(body)}`;
    let digest = entryDigests.get(key);
    if (digest === undefined) {
      digest = digestOf(entry);
      if (entryDigests.size >= 100_000) entryDigests.clear();
      entryDigests.set(key, digest);
    }
    decisions.push({ ...entry, digest });
  };
  append(founded, { kind: "founded", name: g.name, founder: g.founder, charter: charter.digest });

  // Index the inputs of this network.
  const ballotsByMotion = new Map<string, { id: string; ballot: Ballot }[]>();
  for (const { id, object: b } of inputs.ballots) {
    if (b.network !== network) continue;
    const list = ballotsByMotion.get(b.motion) ?? [];
    list.push({ id, ballot: b });
    ballotsByMotion.set(b.motion, list);
  }
  /** motion -> ballot id -> the members whose closings list it; and motion -> members who closed it. */
  let index = inputs.witnessIndex;
  if (!index) {
    const built = { witnessed: new Map<string, Map<string, Set<string>>>(), closers: new Map<string, Set<string>>() };
    for (const { object: c } of inputs.closings) if (c.network === network) indexClosing(built, c);
    index = built;
  }
  const { witnessed, closers } = index;

  const queue = new EventQueue();
  for (const { id, object: m } of inputs.motions) {
    if (m.network !== network) continue;
    const at = timeOf(m.published);
    if (at < founded) continue;
    queue.push({ order: 3, at, id, kind: "open", motion: m });
  }
  for (const { id, object: l } of inputs.leaves) {
    if (l.network !== network) continue;
    const at = timeOf(l.published);
    if (at < founded) continue;
    queue.push({ order: 1, at, id, kind: "leave", leave: l });
  }

  const motions = new Map<string, MotionState>();
  const witnesses = new Map<string, Set<string>>();
  const isActive = (actor: string | undefined) => actor !== undefined && members.get(actor)?.status === "member";

  /** A witness other than the author saw it before the close (or nobody else could have). */
  const seenBy = (motionId: string, author: string, byWitness: ReadonlySet<string> | undefined) => {
    const w = witnesses.get(motionId);
    if (!w || w.size - (w.has(author) ? 1 : 0) === 0) return true;
    if (byWitness === undefined) return false;
    for (const x of byWitness) if (x !== author && w.has(x)) return true;
    return false;
  };

  /** The ballots that count for a motion at `closesAt`: witnessed, before the close, from an eligible voter, the latest per voter. */
  const countedBallots = (state: MotionState, eligible: ReadonlySet<string>) => {
    const latest = new Map<string, { id: string; ballot: Ballot; at: number }>();
    const byBallot = witnessed.get(state.id);
    for (const { id, ballot } of ballotsByMotion.get(state.id) ?? []) {
      const at = timeOf(ballot.published);
      if (!eligible.has(ballot.by) || !(at < state.closesAt)) continue;
      if (ballot.choice === "block" && !ballot.reason?.trim()) continue;
      if (!seenBy(state.id, ballot.by, byBallot?.get(id))) continue;
      const prev = latest.get(ballot.by);
      if (!prev || at > prev.at || (at === prev.at && id > prev.id)) latest.set(ballot.by, { id, ballot, at });
    }
    return [...latest.values()]
      .map(({ id, ballot }) => ({
        by: ballot.by,
        choice: ballot.choice,
        ballot: id,
        ...(ballot.reason ? { reason: ballot.reason } : {}),
      }))
      .sort((a, b) => (a.by < b.by ? -1 : 1));
  };

  const voidMotion = (id: string, motion: Motion, at: number, reason: string) =>
    motions.set(id, {
      id,
      motion,
      opensAt: at,
      closesAt: at,
      status: "void",
      voidReason: reason,
      electorate: [],
      paused: [],
      ballots: [],
    });

  const open = (id: string, m: Motion, at: number) => {
    if (motions.has(id)) return;
    if (!isActive(m.by)) return voidMotion(id, m, at, "not_member");
    if (m.charter !== charter.version) return voidMotion(id, m, at, "stale_charter");
    const subject = m.subject ? members.get(m.subject) : undefined;
    const subjectOk =
      m.kind === "admission"
        ? !!m.subject && (!subject || subject.status === "left" || subject.status === "expelled")
        : m.kind === "suspension"
          ? subject?.status === "member"
          : m.kind === "reinstatement"
            ? subject?.status === "suspended"
            : m.kind === "expulsion"
              ? subject?.status === "member" || subject?.status === "suspended"
              : m.subject === undefined;
    if (!subjectOk || (m.kind === "suspension" && m.until !== undefined && !(timeOf(m.until) > at)))
      return voidMotion(id, m, at, "subject_invalid");
    if (m.kind === "amendment" && !(m.amendment && parseCharter(m.amendment, PROTOCOL_MIN_WINDOW_MS).ok))
      return voidMotion(id, m, at, "charter_invalid");
    const electorate = [...members.values()]
      .filter((s) => s.status === "member" && s.actor !== m.subject)
      .map((s) => s.actor)
      .sort();
    const paused = electorate.filter((a) => members.get(a)?.paused);
    const w = new Set(electorate);
    if (m.subject) w.add(m.subject);
    witnesses.set(id, w);
    const closesAt = at + windowMs(charter, m.kind);
    motions.set(id, { id, motion: m, opensAt: at, closesAt, status: "open", electorate, paused, ballots: [] });
    queue.push({ order: 2, at: closesAt, id, kind: "close", motion: id });
  };

  const close = (id: string) => {
    const state = motions.get(id);
    if (state?.status !== "open") return;
    const m = state.motion;
    const closedBy = closers.get(id);
    if (!seenBy(id, m.by, closedBy)) {
      motions.set(id, { ...state, status: "void", voidReason: "unwitnessed" });
      return;
    }
    const eligible = new Set(state.electorate.filter(isActive));
    const ballots = countedBallots(state, eligible);
    const rule = charters[m.charter - 1]!.rules[m.kind];
    const { tally, passed } = tallyMotion(rule, eligible, new Set(state.paused), ballots);
    motions.set(id, { ...state, status: passed ? "passed" : "failed", tally, ballots });
    // Attendance: a ballot resets the count and un-pauses; a missed motion counts toward a pause.
    const voted = new Set(ballots.map((b) => b.by));
    for (const actor of eligible) {
      const s = members.get(actor);
      if (!s) continue;
      const missed = voted.has(actor) ? 0 : s.missed + 1;
      const limit = charter.pauseAfterMissed;
      members.set(actor, { ...s, missed, paused: limit > 0 && missed >= limit });
    }
    append(state.closesAt, {
      kind: "motion",
      motion: id,
      motionKind: m.kind,
      ...(m.subject ? { subject: m.subject } : {}),
      charter: m.charter,
      outcome: passed ? "passed" : "failed",
      tally,
      ballots,
    });
    if (!passed) return;
    const at = state.closesAt;
    const subject = m.subject ? members.get(m.subject) : undefined;
    const fresh = (actor: string, status: MemberStatus, until: number | null = null): MemberState => ({
      actor,
      status,
      since: at,
      until,
      missed: 0,
      paused: false,
    });
    switch (m.kind) {
      case "admission":
        if (m.subject && (!subject || subject.status === "left" || subject.status === "expelled"))
          members.set(m.subject, fresh(m.subject, "member"));
        break;
      case "suspension":
        if (subject?.status === "member") {
          const until = m.until ? timeOf(m.until) : null;
          members.set(subject.actor, { ...subject, status: "suspended", since: at, until });
          if (until !== null)
            queue.push({
              order: 0,
              at: Math.max(until, at),
              id: `${id}:end`,
              kind: "suspension-end",
              member: subject.actor,
            });
        }
        break;
      case "reinstatement":
        if (subject?.status === "suspended")
          members.set(subject.actor, { ...subject, status: "member", since: at, until: null });
        break;
      case "expulsion":
        if (subject && (subject.status === "member" || subject.status === "suspended"))
          members.set(subject.actor, { ...subject, status: "expelled", since: at, until: null });
        break;
      case "amendment":
        if (m.amendment) {
          const body = parseCharter(m.amendment, PROTOCOL_MIN_WINDOW_MS);
          if (body.ok) {
            charter = charterAt(body.value, charter.version + 1);
            charters.push(charter);
          }
        }
        break;
      case "resolution":
        break;
    }
  };

  let deciding = true;
  for (let e = queue.pop(); e; e = queue.pop()) {
    if (e.kind === "open") {
      if (e.at > now) break;
      open(e.id, e.motion, e.at);
      continue;
    }
    // A decision waits for its settlement; later decisions wait behind it so the record stays in order.
    if (!deciding || e.at > decideUntil) {
      deciding = false;
      continue;
    }
    if (e.kind === "close") close(e.motion);
    else if (e.kind === "leave") {
      const s = members.get(e.leave.by);
      if (s && (s.status === "member" || s.status === "suspended")) {
        members.set(s.actor, { ...s, status: "left", since: e.at, until: null });
        append(e.at, { kind: "left", member: s.actor, leave: e.id });
      }
    } else {
      const s = members.get(e.member);
      if (s?.status === "suspended" && s.until !== null && s.until <= e.at) {
        members.set(s.actor, { ...s, status: "member", since: e.at, until: null });
        append(e.at, { kind: "suspension-ended", member: s.actor });
      }
    }
  }

  // Open motions: the tally as it would stand if the window closed now.
  for (const [id, state] of motions) {
    if (state.status !== "open") continue;
    const eligible = new Set(state.electorate.filter(isActive));
    const ballots = countedBallotsLive(state, eligible, ballotsByMotion.get(id) ?? []);
    const rule = charters[state.motion.charter - 1]!.rules[state.motion.kind];
    motions.set(id, { ...state, ballots, tally: tallyMotion(rule, eligible, new Set(state.paused), ballots).tally });
  }

  return {
    network,
    name: g.name,
    charter,
    charters,
    members,
    motions,
    decisions,
    head: decisions[decisions.length - 1]!.digest,
  };
}

/** While a motion is open its ballots are not witnessed yet: the live tally counts every ballot before the close. */
function countedBallotsLive(
  state: MotionState,
  eligible: ReadonlySet<string>,
  ballots: { id: string; ballot: Ballot }[],
) {
  const latest = new Map<string, { id: string; ballot: Ballot; at: number }>();
  for (const { id, ballot } of ballots) {
    const at = timeOf(ballot.published);
    if (!eligible.has(ballot.by) || !(at < state.closesAt)) continue;
    const prev = latest.get(ballot.by);
    if (!prev || at > prev.at || (at === prev.at && id > prev.id)) latest.set(ballot.by, { id, ballot, at });
  }
  return [...latest.values()]
    .map(({ id, ballot }) => ({ by: ballot.by, choice: ballot.choice, ballot: id }))
    .sort((a, b) => (a.by < b.by ? -1 : 1));
}
