// What this instance has shown of a network's record, and what changed since: the events a change
// announces (a membership changed, a resolution passed, an application it put was decided), a fork when
// a decision already shown changed, and this instance's own status. Compared and recorded in one
// transaction under the network's lock, so two processes never announce the same change twice.
import { asc, eq, gte, and } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { lockKey } from "../../db/locks.ts";
import { networkDecisionsShown } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import type { NetworkEvent } from "./events.ts";
import { firstDivergence, type Fork } from "./fork.ts";
import { findNetwork, type NetworkRow, updateNetwork } from "./networks.repository.ts";
import type { NetworkStatus } from "./operations.ts";
import type { MemberStatus, NetworkRecord } from "./record.ts";

export type Shown = {
  readonly decisions: readonly { seq: number; digest: string }[];
  readonly members: Readonly<Record<string, string>>;
};

export type Changes = {
  readonly events: NetworkEvent[];
  readonly fork: Fork | undefined;
  readonly members: Record<string, MemberStatus>;
  readonly status: NetworkStatus;
};

/**
 * This instance's status. An applicant holds only part of the record until a member lets it
 * synchronise, so until then its status is the application's (applicant, or rejected when a member said
 * so); a departure shows at once, before the record counts it; otherwise the record says.
 */
export function statusBy(record: NetworkRecord | undefined, self: string, stored: NetworkStatus): NetworkStatus {
  if (stored === "applicant" || stored === "rejected") return stored;
  const mine = record?.members.get(self)?.status;
  if (stored === "left" && (mine === "member" || mine === "suspended")) return "left";
  return mine ?? stored;
}

/** What changed between what was shown and the record now (pure). */
export function changesSince(record: NetworkRecord, shown: Shown, self: string, stored: NetworkStatus): Changes {
  const network = record.network;
  const members: Record<string, MemberStatus> = {};
  for (const m of record.members.values()) members[m.actor] = m.status;
  const changed = new Set(Object.keys(members).filter((a) => shown.members[a] !== members[a]));
  // On joining, this instance learns every member at once: each is announced (the directory follows them).
  if (members[self] === "member" && shown.members[self] !== "member")
    for (const [actor, status] of Object.entries(members)) if (status === "member") changed.add(actor);
  const events: NetworkEvent[] = [...changed].sort().map((member) => ({
    commonhost: "network.membership.changed",
    network,
    member,
    from: (shown.members[member] as MemberStatus | undefined) ?? "none",
    to: members[member]!,
  }));
  for (const d of record.decisions.slice(shown.decisions.length)) {
    if (d.kind !== "motion") continue;
    if (d.motionKind === "resolution" && d.outcome === "passed")
      events.push({ commonhost: "network.resolution.passed", network, motion: d.motion });
    const motion = record.motions.get(d.motion)?.motion;
    if (d.motionKind === "admission" && d.subject && motion?.by === self)
      events.push({
        commonhost: "network.application.answered",
        network,
        applicant: d.subject,
        accepted: d.outcome === "passed",
      });
  }
  return {
    events,
    // Ours is the record computed now, theirs what was shown before (the panel says so).
    fork: firstDivergence(record.decisions, shown.decisions),
    members,
    status: statusBy(record, self, stored),
  };
}

/** Compares the record with what was shown, records the events and what is shown now; the events recorded. */
export async function showRecord(db: Db, network: string, record: NetworkRecord, self: string): Promise<number> {
  return db.transaction(async (tx) => {
    await lockKey(tx, `network-shown ${network}`);
    const row = await findNetwork(tx, network);
    if (!row) return 0;
    const decisions = await tx
      .select({ seq: networkDecisionsShown.seq, digest: networkDecisionsShown.digest })
      .from(networkDecisionsShown)
      .where(eq(networkDecisionsShown.network, network))
      .orderBy(asc(networkDecisionsShown.seq));
    const changes = changesSince(record, { decisions, members: row.shownMembers }, self, row.status);
    for (const event of changes.events) await recordEvent(tx, event);
    await writeShown(tx, row, record, decisions, changes);
    return changes.events.length;
  });
}

/**
 * Clears the fork warning once an operator has read it, under the lock `showRecord` takes, so a record
 * being shown at that moment cannot bring the old warning back. The next divergence raises a new one.
 */
export async function acknowledgeFork(db: Db, network: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockKey(tx, `network-shown ${network}`);
    await updateNetwork(tx, network, { fork: null });
  });
}

async function writeShown(
  tx: Db,
  row: NetworkRow,
  record: NetworkRecord,
  shown: readonly { seq: number; digest: string }[],
  changes: Changes,
): Promise<void> {
  for (const d of record.decisions) {
    if (shown[d.seq]?.digest === d.digest) continue;
    await tx
      .insert(networkDecisionsShown)
      .values({ network: row.id, seq: d.seq, digest: d.digest })
      .onConflictDoUpdate({
        target: [networkDecisionsShown.network, networkDecisionsShown.seq],
        set: { digest: d.digest },
      });
  }
  if (shown.length > record.decisions.length)
    await tx
      .delete(networkDecisionsShown)
      .where(and(eq(networkDecisionsShown.network, row.id), gte(networkDecisionsShown.seq, record.decisions.length)));
  const fork = row.fork ?? changes.fork ?? null;
  await updateNetwork(tx, row.id, { shownMembers: changes.members, status: changes.status, fork });
}
