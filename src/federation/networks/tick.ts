// The networks' clock, every second while the instance serves: the closings this instance owes (a motion
// it held before its close has closed by its clock), then what the record now says compared with what
// was shown (events, a fork, its own status). Anti-entropy runs on its own interval (anti-entropy.ts).
import { listNetworks } from "../../domain/networks/networks.repository.ts";
import type { Closing } from "../../domain/networks/objects.ts";
import type { NetworkRecord } from "../../domain/networks/record.ts";
import { showRecord } from "../../domain/networks/shown.ts";
import { reconcileAgreements } from "../aid/reconcile.ts";
import { repairDocuments } from "../docs/repair.ts";
import { syncNetworks } from "./anti-entropy.ts";
import { publishObject, recipientsOf } from "./publish.ts";
import type { NetworkSelf, NetworksRuntime } from "./runtime.ts";

const TICK_MS = 1000;

/**
 * One pass over every network held. Returns when the next close or settlement falls due, so the clock
 * can wake for it: a closing sent the moment a window closes reaches the others well within the
 * settlement delay.
 */
export async function tickNetworks(rt: NetworksRuntime, seen = new Map<string, string>()): Promise<number | undefined> {
  const self = await rt.self();
  if (!self) return undefined;
  const settleMs = rt.services.config.networkSettleMs;
  let next: number | undefined;
  for (const row of await listNetworks(rt.services.database.db)) {
    const held = await rt.store.replica(row.id);
    if (!held) continue;
    const now = Date.now();
    let record = held.replica.record(now, settleMs);
    if (
      await closeDue(
        rt,
        self,
        held.replica.dueClosings(self.actor, now, record, held.closed.get(self.actor) ?? new Set()),
        record,
      )
    )
      record = (await rt.store.replica(row.id))!.replica.record(now, settleMs);
    for (const m of record.motions.values())
      if (m.status === "open")
        for (const at of [m.closesAt, m.closesAt + settleMs])
          if (at > now && (next === undefined || at < next)) next = at;
    // An applicant's record is partial: nothing is announced from it until it is a member.
    if (row.status === "applicant" || row.status === "rejected") continue;
    const state = `${record.head} ${row.status} ${[...record.members.values()].map((m) => `${m.actor}=${m.status}`).join(",")}`;
    if (seen.get(row.id) === state) continue;
    if ((await showRecord(rt.services.database.db, row.id, record, self.actor)) > 0) rt.services.queue.wake();
    seen.set(row.id, state);
  }
  return next;
}

/** Signs, stores and sends the closings owed: only for motions this instance witnesses (its electorate or subject). */
async function closeDue(
  rt: NetworksRuntime,
  self: NetworkSelf,
  due: readonly Closing[],
  record: NetworkRecord,
): Promise<boolean> {
  let any = false;
  for (const closing of due) {
    const motion = record.motions.get(closing.motion);
    if (!motion || !(motion.electorate.includes(self.actor) || motion.motion.subject === self.actor)) continue;
    const { added } = await publishObject(rt, self, closing, recipientsOf(record, closing, self.actor));
    any ||= added;
  }
  return any;
}

/** Starts the clock and the anti-entropy rounds; the returned function stops them and waits for a pass in progress. */
export function startNetworkTick(rt: NetworksRuntime): () => Promise<void> {
  const log = rt.services.logger.child({ module: "networks" });
  const seen = new Map<string, string>();
  let ticking: Promise<void> | undefined;
  let again = false;
  let early: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;
  let lastSync = 0;
  /** `due`: woken for a close or a settlement, so a pass in progress is followed by another. */
  const tick = (due = false) => {
    if (ticking) {
      again ||= due;
      return;
    }
    ticking = tickNetworks(rt, seen)
      .then(wakeAt)
      .catch((err: unknown) => log.warn({ err }, "network tick failed"))
      .finally(() => {
        ticking = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  /** Wakes the clock for a close or a settlement due before the next second. */
  const wakeAt = (at: number | undefined) => {
    const wait = at === undefined ? Number.POSITIVE_INFINITY : at - Date.now();
    if (wait >= TICK_MS) return;
    clearTimeout(early);
    early = setTimeout(() => tick(true), Math.max(0, wait) + 5);
    early.unref();
  };
  const timer = setInterval(() => {
    tick();
    if (syncing) return;
    const asked = rt.takeSyncRequests();
    const due = Date.now() - lastSync >= rt.services.config.networkSyncIntervalMs;
    if (!due && asked.length === 0) return;
    if (due) lastSync = Date.now();
    syncing = syncNetworks(rt, due ? undefined : asked)
      // Then the documents' replicas (ADR 0020) and the agreements (ADR 0021), on the same interval.
      .then(async () => {
        if (!due) return;
        await repairDocuments(rt);
        await reconcileAgreements(rt);
      })
      .catch((err: unknown) => log.warn({ err }, "network anti-entropy failed"))
      .finally(() => {
        syncing = undefined;
      });
  }, TICK_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    clearTimeout(early);
    again = false;
    await Promise.all([ticking, syncing]);
  };
}
