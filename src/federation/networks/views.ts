// The networks as operators see them (the views of domain/networks/operations.ts), read from the record
// this instance folds itself and from its own row.
import { type Charter, charterAt, parseCharter } from "../../domain/networks/charter.ts";
import { statusBy } from "../../domain/networks/shown.ts";
import type { HeldReplica } from "../../domain/networks/store.ts";
import type { NetworkRow } from "../../domain/networks/networks.repository.ts";
import type { Ballot } from "../../domain/networks/objects.ts";
import type {
  BallotView,
  MemberView,
  MotionView,
  NetworkStatus,
  NetworkView,
} from "../../domain/networks/operations.ts";
import { type MotionState, type NetworkRecord, PROTOCOL_MIN_WINDOW_MS } from "../../domain/networks/record.ts";
import { documentIdOf, motionKeyOf } from "./documents.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/** This instance's status in a network (shown.ts `statusBy`). */
export function statusIn(row: NetworkRow, record: NetworkRecord | undefined, self: string | undefined): NetworkStatus {
  return self === undefined ? row.status : statusBy(record, self, row.status);
}

/** The charter an applicant saw before it holds the founding: as the member it applied through published it. */
function listedCharter(row: NetworkRow): Charter {
  const listed = (row.charter ?? {}) as Record<string, unknown>;
  const parsed = parseCharter(listed, PROTOCOL_MIN_WINDOW_MS);
  const body = parsed.ok ? parsed : parseCharter({}, PROTOCOL_MIN_WINDOW_MS);
  const version = typeof listed.version === "number" && listed.version >= 1 ? listed.version : 1;
  if (!body.ok) throw new Error("the default charter is always valid");
  return charterAt(body.value, version);
}

export function networkView(
  row: NetworkRow,
  record: NetworkRecord | undefined,
  self: string | undefined,
  now: number,
): NetworkView {
  const members: MemberView[] = record
    ? [...record.members.values()]
        .map((m) => ({
          actor: m.actor,
          state: m.status === "member" && m.paused ? ("paused" as const) : m.status,
          since: iso(m.since),
          ...(m.until !== null ? { until: iso(m.until) } : {}),
        }))
        .sort((a, b) => (a.actor < b.actor ? -1 : 1))
    : [];
  let open = 0;
  for (const m of record?.motions.values() ?? []) if (m.status === "open" && now < m.closesAt) open += 1;
  return {
    key: row.key,
    id: row.id,
    name: record?.name ?? row.name,
    status: statusIn(row, record, self),
    ...(row.via ? { via: row.via } : {}),
    members,
    charter: record?.charter ?? listedCharter(row),
    head: record?.head ?? null,
    openMotions: open,
    fork: row.fork ?? null,
  };
}

const ballotView = (b: Ballot): BallotView => ({
  by: b.by,
  choice: b.choice,
  ...(b.reason ? { reason: b.reason } : {}),
  published: b.published,
});

export function motionView(
  held: HeldReplica,
  record: NetworkRecord,
  state: MotionState,
  self: string | undefined,
  now: number,
): MotionView {
  const m = state.motion;
  const ballots = held.replica.ballotsOf(state.id);
  const byId = new Map(ballots.map((b) => [b.id, b.object]));
  const mine = ballots
    .filter((b) => b.object.by === self)
    .sort((a, b) => (a.object.published < b.object.published ? -1 : a.object.published > b.object.published ? 1 : 0))
    .at(-1);
  const me = self === undefined ? undefined : record.members.get(self);
  const isOpen = state.status === "open" && now < state.closesAt;
  const tally = state.tally;
  return {
    key: motionKeyOf(state.id),
    id: documentIdOf(record.network, state.id),
    kind: m.kind,
    subject: m.subject ?? null,
    text: m.text,
    by: m.by,
    charter: m.charter,
    state: state.status,
    ...(state.voidReason ? { voidReason: state.voidReason } : {}),
    opensAt: iso(state.opensAt),
    closesAt: iso(state.closesAt),
    tally: {
      yes: tally?.yes ?? 0,
      no: tally?.no ?? 0,
      abstain: tally?.abstain ?? 0,
      block: tally?.block ?? 0,
      electorate: tally?.electorate ?? state.electorate.length,
      quorum: tally?.quorum ?? 0,
    },
    ballots: state.ballots.flatMap((b) => {
      const ballot = byId.get(b.ballot);
      return ballot ? [ballotView(ballot)] : [];
    }),
    ...(mine ? { mine: ballotView(mine.object) } : {}),
    canVote: isOpen && me?.status === "member" && self !== undefined && state.electorate.includes(self),
    ...(m.answers && me?.status === "member" ? { answers: m.answers } : {}),
    ...(m.until ? { until: m.until } : {}),
  };
}

/** Motions newest first. */
export function motionViews(held: HeldReplica, record: NetworkRecord, self: string | undefined, now: number) {
  return [...record.motions.values()]
    .sort((a, b) => b.opensAt - a.opensAt || (a.id < b.id ? -1 : 1))
    .map((state) => motionView(held, record, state, self, now));
}
