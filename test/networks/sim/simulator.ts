// A deterministic simulation of a network of members running the engine, with no HTTP and no database:
// one seeded random source drives a scheduler of timed events (deliveries, members' ticks, crashes,
// restarts, a partition and its healing), so a seed always replays the same run.
//
// Faults: each message may be lost, duplicated or delayed; a partition drops every message between two
// groups until it heals; members crash (their durable store survives, in-flight messages to them are
// lost) and restart; each member's clock is off by a fixed skew within ±SKEW_MS; an outsider injects
// forged ballots and ballots of its own.
import { sha256 } from "../../../src/domain/networks/canonical.ts";
import { type CharterBody, parseCharter } from "../../../src/domain/networks/charter.ts";
import { firstDivergence } from "../../../src/domain/networks/fork.ts";
import type { Ballot, Collection, Genesis, Motion, NetworkObject } from "../../../src/domain/networks/objects.ts";
import { authorOf, idOf } from "../../../src/domain/networks/objects.ts";
import { foldRecord, type NetworkRecord } from "../../../src/domain/networks/record.ts";
import {
  differing,
  differingBuckets,
  NetworkReplica,
  type Signed,
  type Summary,
} from "../../../src/domain/networks/replica.ts";
import { seededRandom } from "../../helpers/seeded-random.ts";

export const SKEW_MS = 30_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NETWORK = "https://m0.example/networks/sim";

export type SimOptions = {
  seed: number;
  members: number;
  /** Motions opened after the members are admitted. */
  motions: number;
  loss: number;
  duplicates: number;
  crashes: number;
};

export type SimReport = {
  live: number;
  heads: Set<string>;
  decisions: number;
  outcomes: Map<string, Set<string>>;
  doubleCounted: number;
  countedFromOutsiders: number;
  forgedHeld: number;
  /** Decisions a member recorded and later saw revised (a partition or a crash longer than the settlement delay). */
  revised: number;
  messages: { sent: number; lost: number; duplicated: number };
  antiEntropy: { rounds: number; inSyncRounds: number; requests: number };
  truthHead: string;
  records: Map<string, NetworkRecord>;
};

type Message =
  | { kind: "object"; signed: Signed }
  | { kind: "summary"; summary: Summary }
  | { kind: "summary-reply"; summary: Summary }
  | { kind: "buckets"; collection: Collection }
  | { kind: "buckets-reply"; collection: Collection; digests: string[] }
  | { kind: "ids"; collection: Collection; buckets: string[]; after: string | null }
  | { kind: "ids-reply"; collection: Collection; buckets: string[]; ids: readonly string[]; next: string | null }
  | { kind: "fetch"; ids: readonly string[] }
  | { kind: "fetch-reply"; objects: Signed[] };

type Task = { at: number; seq: number; run: () => void };

const actor = (i: number) => `https://m${i}.example/actor`;
const OUTSIDER = "https://outsider.example/actor";
const SETTLE_MS = 30 * MINUTE;
const PAGE = 200;

class Member {
  readonly id: string;
  readonly replica: NetworkReplica;
  readonly skew: number;
  readonly sleepy: boolean;
  up = true;
  readonly closed = new Set<string>();
  readonly voted = new Map<string, number>();
  view: NetworkRecord;
  readonly decided = new Map<string, string>();
  revised = 0;
  foldedAt = Number.NEGATIVE_INFINITY;
  ticks = 0;
  constructor(id: string, genesis: Signed<Genesis>, skew: number, sleepy: boolean, now: number) {
    this.id = id;
    this.replica = new NetworkReplica(genesis);
    this.skew = skew;
    this.sleepy = sleepy;
    this.view = this.replica.record(now + skew, SETTLE_MS);
  }
}

export function simulate(o: SimOptions): SimReport {
  const rnd = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const secret = (who: string) => sha256(`secret:${who}`);
  const sign = (object: NetworkObject): Signed => ({
    object,
    proof: { by: authorOf(object), sig: sha256(secret(authorOf(object)) + idOf(object)) },
  });
  const verify = (s: Signed) => {
    const p = s.proof as { by: string; sig: string };
    return p.sig === sha256(secret(p.by) + idOf(s.object)) ? p.by : undefined;
  };

  let now = 0;
  let seq = 0;
  const queue: Task[] = [];
  const schedule = (at: number, run: () => void) => {
    queue.push({ at, seq: seq++, run });
    let i = queue.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const a = queue[i]!;
      const b = queue[p]!;
      if (b.at < a.at || (b.at === a.at && b.seq < a.seq)) break;
      queue[i] = b;
      queue[p] = a;
      i = p;
    }
  };
  const next = (): Task | undefined => {
    const top = queue[0];
    const last = queue.pop();
    if (queue.length && last) {
      queue[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (x: number, y: number) =>
          queue[x]!.at < queue[y]!.at || (queue[x]!.at === queue[y]!.at && queue[x]!.seq < queue[y]!.seq);
        if (l < queue.length && less(l, m)) m = l;
        if (r < queue.length && less(r, m)) m = r;
        if (m === i) break;
        [queue[i], queue[m]] = [queue[m]!, queue[i]!];
        i = m;
      }
    }
    return top;
  };

  const start = Date.parse("2026-03-01T00:00:00.000Z");
  const windowText = "PT1H";
  const charter: CharterBody = (() => {
    const rule = { window: windowText, quorum: 0.5, threshold: 0.5, block: true };
    const c = parseCharter(
      {
        purpose: "Simulated",
        questions: [],
        rules: {
          admission: { ...rule, quorum: 0.3 },
          suspension: rule,
          reinstatement: rule,
          expulsion: rule,
          amendment: rule,
          resolution: rule,
        },
        pauseAfterMissed: 2,
      },
      1000,
    );
    if (!c.ok) throw new Error(c.failure.code);
    return c.value;
  })();
  const genesis = sign({
    type: "Genesis",
    network: NETWORK,
    name: "Sim",
    founder: actor(0),
    charter,
    published: new Date(start).toISOString(),
  }) as Signed<Genesis>;

  const members: Member[] = [];
  for (let i = 0; i < o.members; i++) {
    const skew = i === 0 ? 0 : Math.round((rnd() * 2 - 1) * SKEW_MS);
    members.push(new Member(actor(i), genesis, skew, i > 0 && rnd() < 0.2, start));
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  const everything = new Map<string, Signed>();
  const forged = new Set<string>();

  const stats = { sent: 0, lost: 0, duplicated: 0 };
  const ae = { rounds: 0, inSyncRounds: 0, requests: 0 };
  let partition: Set<string> | undefined;
  let faults = true;

  const clock = (m: Member) => now + m.skew;
  const send = (from: Member | undefined, to: Member, message: Message) => {
    stats.sent += 1;
    const cut = partition !== undefined && from !== undefined && partition.has(from.id) !== partition.has(to.id);
    if (faults && (cut || rnd() < o.loss)) {
      stats.lost += 1;
      return;
    }
    const copies = faults && rnd() < o.duplicates ? 2 : 1;
    if (copies === 2) stats.duplicated += 1;
    for (let c = 0; c < copies; c++) {
      const delay = faults ? (rnd() < 0.05 ? 30_000 + rnd() * 5 * MINUTE : 20 + rnd() * 3000) : 20 + rnd() * 200;
      schedule(now + delay, () => {
        if (to.up) receive(to, from, message);
      });
    }
  };

  const audience = (m: Member, subject?: string) => {
    const out = new Set<Member>();
    for (const s of m.view.members.values())
      if (s.status === "member" || s.status === "suspended") out.add(byId.get(s.actor)!);
    if (subject && byId.has(subject)) out.add(byId.get(subject)!);
    out.delete(m);
    return [...out];
  };

  const publish = (m: Member, object: NetworkObject) => {
    const signed = sign(object);
    everything.set(idOf(object), signed);
    m.replica.add(signed, verify, clock(m));
    // The member a motion is about (an applicant, for an admission) receives the motion and its ballots.
    const motionId = object.type === "Ballot" || object.type === "Closing" ? object.motion : undefined;
    const subject =
      object.type === "Motion" ? object.subject : m.replica.motions().find((x) => x.id === motionId)?.object.subject;
    for (const to of audience(m, subject)) send(m, to, { kind: "object", signed });
  };

  const receive = (m: Member, from: Member | undefined, message: Message) => {
    switch (message.kind) {
      case "object": {
        m.replica.add(message.signed, verify, clock(m));
        return;
      }
      case "summary": {
        ae.requests += 1;
        if (from) {
          send(m, from, { kind: "summary-reply", summary: m.replica.summary() });
          // The exchange goes both ways: what the asker holds and this member lacks is pulled back.
          if (differing(m.replica.summary(), message.summary).length) pullFrom(m, from, message.summary);
        }
        return;
      }
      case "summary-reply": {
        if (from) {
          const diff = differing(m.replica.summary(), message.summary);
          if (diff.length === 0) ae.inSyncRounds += 1;
          else pullFrom(m, from, message.summary);
        }
        return;
      }
      case "buckets": {
        ae.requests += 1;
        if (from)
          send(m, from, {
            kind: "buckets-reply",
            collection: message.collection,
            digests: m.replica.bucketDigests(message.collection),
          });
        return;
      }
      case "buckets-reply": {
        if (!from) return;
        const buckets = differingBuckets(m.replica.bucketDigests(message.collection), message.digests);
        if (buckets.length) send(m, from, { kind: "ids", collection: message.collection, buckets, after: null });
        return;
      }
      case "ids": {
        ae.requests += 1;
        if (from) {
          const { collection, buckets } = message;
          const page = m.replica.idPage(collection, message.after, PAGE, buckets);
          send(m, from, { kind: "ids-reply", collection, buckets, ids: page.ids, next: page.next });
        }
        return;
      }
      case "ids-reply": {
        if (!from) return;
        const missing = message.ids.filter((id) => !m.replica.has(id));
        if (missing.length) send(m, from, { kind: "fetch", ids: missing });
        if (message.next !== null)
          send(m, from, { kind: "ids", collection: message.collection, buckets: message.buckets, after: message.next });
        return;
      }
      case "fetch": {
        ae.requests += 1;
        if (from) send(m, from, { kind: "fetch-reply", objects: m.replica.objects(message.ids) });
        return;
      }
      case "fetch-reply": {
        for (const s of message.objects) m.replica.add(s, verify, clock(m));
        return;
      }
    }
  };

  const pullFrom = (m: Member, peer: Member, theirs: Summary) => {
    for (const c of differing(m.replica.summary(), theirs)) send(m, peer, { kind: "buckets", collection: c });
  };

  const refresh = (m: Member) => {
    m.foldedAt = now;
    const before = m.view.decisions;
    m.view = m.replica.record(clock(m), SETTLE_MS);
    if (firstDivergence(before, m.view.decisions)) m.revised += 1;
    for (const d of m.view.decisions) {
      if (d.kind !== "motion") continue;
      const prev = m.decided.get(d.motion);
      if (prev !== undefined && prev !== d.outcome) m.revised += 1;
      m.decided.set(d.motion, d.outcome);
    }
  };

  const isMember = (m: Member) => m.view.members.get(m.id)?.status === "member";

  // Each member's tick: closings it owes, its ballots, an anti-entropy round.
  const tick = (m: Member) => {
    if (!m.up) return;
    // Folding is the costly part of a tick: a member looks at its record again every quarter of an hour.
    if (now - m.foldedAt >= 30 * MINUTE) refresh(m);
    for (const c of m.replica.dueClosings(m.id, clock(m), m.view, m.closed)) {
      m.closed.add(c.motion);
      publish(m, c);
    }
    if (isMember(m) && !(m.sleepy && rnd() < 0.9)) {
      for (const { id, object: motion } of m.replica.motions()) {
        const state = m.view.motions.get(id);
        if (state?.status !== "open" || !state.electorate.includes(m.id)) continue;
        const at = clock(m);
        if (at >= state.closesAt - 2 * MINUTE) continue;
        const votedAt = m.voted.get(id);
        const change = votedAt !== undefined && rnd() < 0.03;
        if (votedAt !== undefined && !change) continue;
        if (votedAt === undefined && rnd() < 0.5) continue;
        const r = rnd();
        const choice: Ballot["choice"] = r < 0.75 ? "yes" : r < 0.88 ? "no" : r < 0.97 ? "abstain" : "block";
        m.voted.set(id, at);
        publish(m, {
          type: "Ballot",
          network: NETWORK,
          motion: id,
          by: m.id,
          choice,
          ...(choice === "block" ? { reason: `objection from ${m.id}` } : {}),
          published: new Date(at).toISOString(),
        });
        void motion;
      }
    }
    const peers = audience(m);
    // An anti-entropy round every other tick (about every twenty minutes), every tick once healed.
    if (peers.length && (m.ticks++ % 2 === 0 || !faults)) {
      ae.rounds += 1;
      send(m, pick(peers), { kind: "summary", summary: m.replica.summary() });
    }
    schedule(now + 8 * MINUTE + rnd() * 4 * MINUTE, () => tick(m));
  };

  // Phase 1: the founder admits everyone (one motion each, all opened together).
  const founder = members[0]!;
  schedule(start + MINUTE, () => {
    for (const m of members.slice(1)) {
      const motion: Motion = {
        type: "Motion",
        network: NETWORK,
        by: founder.id,
        kind: "admission",
        subject: m.id,
        text: `Admit ${m.id}`,
        charter: 1,
        published: new Date(clock(founder)).toISOString(),
      };
      publish(founder, motion);
      publish(founder, {
        type: "Ballot",
        network: NETWORK,
        motion: idOf(motion),
        by: founder.id,
        choice: "yes",
        published: new Date(clock(founder) + 1000).toISOString(),
      });
      founder.voted.set(idOf(motion), clock(founder));
    }
  });
  for (const m of members) schedule(start + 2 * MINUTE + rnd() * 5 * MINUTE, () => tick(m));

  // Phase 2: motions, a partition, crashes, an outsider.
  const work = start + 2 * HOUR;
  const workEnd = work + o.motions * 20 * MINUTE;
  for (let k = 0; k < o.motions; k++) {
    schedule(work + k * 20 * MINUTE + rnd() * 10 * MINUTE, () => {
      const proposers = members.filter((m) => m.up && isMember(m));
      if (!proposers.length) return;
      const m = pick(proposers);
      const r = rnd();
      const others = [...m.view.members.values()].filter((s) => s.actor !== m.id);
      const kind: Motion["kind"] =
        r < 0.6
          ? "resolution"
          : r < 0.75
            ? "suspension"
            : r < 0.85
              ? "reinstatement"
              : r < 0.93
                ? "expulsion"
                : "amendment";
      const subjectOf = (status: string) => others.filter((s) => s.status === status).map((s) => s.actor);
      let subject: string | undefined;
      if (kind === "suspension" || kind === "expulsion") subject = pick(subjectOf("member"));
      if (kind === "reinstatement") {
        const suspended = subjectOf("suspended");
        if (!suspended.length) return;
        subject = pick(suspended);
      }
      const at = clock(m);
      publish(m, {
        type: "Motion",
        network: NETWORK,
        by: m.id,
        kind,
        text: `${kind} ${k}`,
        charter: m.view.charter.version,
        published: new Date(at).toISOString(),
        ...(subject ? { subject } : {}),
        ...(kind === "suspension" && rnd() < 0.5 ? { until: new Date(at + 3 * HOUR).toISOString() } : {}),
        ...(kind === "amendment" ? { amendment: { ...m.view.charter, pauseAfterMissed: 3 } } : {}),
      } as Motion);
    });
  }
  // A few members leave.
  for (let k = 0; k < 2; k++) {
    schedule(work + rnd() * (workEnd - work), () => {
      const m = pick(members.slice(1));
      if (m.up && isMember(m))
        publish(m, { type: "Leave", network: NETWORK, by: m.id, published: new Date(clock(m)).toISOString() });
    });
  }
  // A partition that heals.
  schedule(work + 30 * MINUTE, () => {
    partition = new Set(members.filter(() => rnd() < 0.3).map((m) => m.id));
  });
  schedule(work + 30 * MINUTE + 3 * HOUR, () => {
    partition = undefined;
  });
  // Crashes and restarts.
  for (let k = 0; k < o.crashes; k++) {
    const victim = pick(members);
    const down = work + rnd() * (workEnd - work);
    schedule(down, () => {
      victim.up = false;
    });
    schedule(down + 30 * MINUTE + rnd() * 3 * HOUR, () => {
      if (victim.up) return;
      victim.up = true;
      tick(victim);
    });
  }
  // An outsider: ballots forged in members' names, and ballots of its own.
  for (let k = 0; k < 20; k++) {
    schedule(work + rnd() * (workEnd - work), () => {
      const target = pick(members);
      const motions = target.replica.motions();
      if (!motions.length) return;
      const motion = pick(motions);
      const victim = pick(members);
      const ballot: Ballot = {
        type: "Ballot",
        network: NETWORK,
        motion: motion.id,
        by: victim.id,
        choice: "block",
        reason: "forged",
        published: new Date(now).toISOString(),
      };
      forged.add(idOf(ballot));
      send(undefined, target, {
        kind: "object",
        signed: { object: ballot, proof: { by: victim.id, sig: sha256("wrong") } },
      });
      const own = { ...ballot, by: OUTSIDER, reason: "outsider" };
      everything.set(idOf(own), sign(own));
      send(undefined, target, { kind: "object", signed: sign(own) });
    });
  }

  // Run the faulty phase, then heal everything and let anti-entropy finish.
  const healAt = workEnd + 2 * HOUR;
  const endAt = healAt + 2 * HOUR;
  schedule(healAt, () => {
    faults = false;
    partition = undefined;
    for (const m of members) {
      if (!m.up) {
        m.up = true;
        tick(m);
      }
    }
  });
  for (let t = next(); t && t.at <= endAt; t = next()) {
    now = t.at;
    t.run();
  }
  now = endAt;

  const live = members.filter((m) => m.up && m.view.members.has(m.id));
  const records = new Map<string, NetworkRecord>();
  for (const m of live) {
    refresh(m);
    records.set(m.id, m.view);
  }
  const heads = new Set([...records.values()].map((r) => r.head));
  const outcomes = new Map<string, Set<string>>();
  let doubleCounted = 0;
  let countedFromOutsiders = 0;
  for (const r of records.values()) {
    for (const d of r.decisions) {
      if (d.kind !== "motion") continue;
      const set = outcomes.get(d.motion) ?? new Set();
      set.add(d.outcome);
      outcomes.set(d.motion, set);
      const voters = d.ballots.map((b) => b.by);
      doubleCounted += voters.length - new Set(voters).size;
      const electorate = new Set(r.motions.get(d.motion)?.electorate);
      countedFromOutsiders += voters.filter((v) => !electorate.has(v) || !byId.has(v)).length;
      countedFromOutsiders += d.ballots.filter((b) => forged.has(b.ballot)).length;
    }
  }
  let forgedHeld = 0;
  for (const m of members) for (const id of forged) if (m.replica.has(id)) forgedHeld += 1;

  // The truth: the fold over every object anyone made, at the end.
  const all = [...everything.values()].map((s) => s.object);
  const pickType = <T extends NetworkObject>(type: T["type"]) =>
    all.filter((x): x is T => x.type === type).map((object) => ({ id: idOf(object), object }));
  const honestClosings = pickType<NetworkObject & { type: "Closing" }>("Closing");
  const truth = foldRecord(
    {
      genesis: genesis.object,
      motions: pickType<Motion>("Motion"),
      ballots: pickType<Ballot>("Ballot"),
      closings: honestClosings,
      leaves: pickType<NetworkObject & { type: "Leave" }>("Leave"),
    },
    endAt,
    SETTLE_MS,
  );

  return {
    live: live.length,
    heads,
    decisions: truth.decisions.length,
    outcomes,
    doubleCounted,
    countedFromOutsiders,
    forgedHeld,
    revised: members.reduce((n, m) => n + m.revised, 0),
    messages: stats,
    antiEntropy: ae,
    truthHead: truth.head,
    records,
  };
}
