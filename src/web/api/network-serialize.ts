// Network views -> the JSON /api/v1/networks documents (network-schemas.ts): only the fields documented,
// whatever else a view may carry.
import type { z } from "zod";
import type { BallotView, MotionView, NetworkView } from "../../domain/networks/operations.ts";
import type { DecisionView } from "../../domain/networks/operations.ts";
import type { decisionSchema, motionSchema, networkSchema } from "./network-schemas.ts";

export const networkJson = (n: NetworkView): z.infer<typeof networkSchema> => ({
  key: n.key,
  id: n.id,
  name: n.name,
  status: n.status,
  ...(n.via ? { via: n.via } : {}),
  members: n.members.map((m) => ({
    actor: m.actor,
    state: m.state,
    since: m.since,
    ...(m.until ? { until: m.until } : {}),
  })),
  charter: {
    version: n.charter.version,
    digest: n.charter.digest,
    purpose: n.charter.purpose,
    questions: [...n.charter.questions],
    rules: n.charter.rules,
    pauseAfterMissed: n.charter.pauseAfterMissed,
    watchReporters: n.charter.watchReporters ?? 2,
  },
  head: n.head,
  openMotions: n.openMotions,
  fork: n.fork ? { seq: n.fork.seq, ours: n.fork.ours, theirs: n.fork.theirs } : null,
});

const ballotJson = (b: BallotView) => ({
  by: b.by,
  choice: b.choice,
  ...(b.reason ? { reason: b.reason } : {}),
  published: b.published,
});

export const motionJson = (m: MotionView): z.infer<typeof motionSchema> => ({
  key: m.key,
  id: m.id,
  kind: m.kind,
  subject: m.subject,
  text: m.text,
  by: m.by,
  charter: m.charter,
  state: m.state,
  ...(m.voidReason ? { voidReason: m.voidReason } : {}),
  opensAt: m.opensAt,
  closesAt: m.closesAt,
  tally: {
    yes: m.tally.yes,
    no: m.tally.no,
    abstain: m.tally.abstain,
    block: m.tally.block,
    electorate: m.tally.electorate,
    quorum: m.tally.quorum,
  },
  ballots: m.ballots.map(ballotJson),
  ...(m.mine ? { mine: ballotJson(m.mine) } : {}),
  canVote: m.canVote,
  ...(m.answers ? { answers: { ...m.answers } } : {}),
  ...(m.until ? { until: m.until } : {}),
});

export const decisionJson = (d: DecisionView): z.infer<typeof decisionSchema> =>
  JSON.parse(JSON.stringify(d)) as z.infer<typeof decisionSchema>;
