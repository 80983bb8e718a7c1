// The networks whose health watch this instance takes part in (it is a current member), with their
// current members, for the API and the pages; and the rule their verdicts follow.
import { watchRule, type WatchRule } from "../../domain/aid/watch/verdict.ts";
import { type MemberWatch, watchOf } from "../../domain/aid/watch/watch.ts";
import { watchK } from "../../domain/networks/charter.ts";
import { durationMs } from "../../domain/networks/duration.ts";
import { listNetworks } from "../../domain/networks/networks.repository.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { aidNetwork } from "./membership.ts";

export type NetworkWatch = {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  /** k: distinct members whose failing reports mark a member down, from the charter. */
  readonly reporters: number;
  readonly members: readonly MemberWatch[];
};

/** The rule of a network's watch: k from its charter (2 when it does not say), n = 2, the window from WATCH_INTERVAL. */
export const ruleOf = (services: Runtime, k?: number): WatchRule =>
  watchRule({ interval: services.config.watchInterval, ...(k === undefined ? {} : { k }) });

/** Folds kept a while, per instance and question: a fold reads every stored batch, so pages must not fold on every request. */
const recent = new WeakMap<Runtime, Map<string, { at: number; value: Promise<NetworkWatch[]> }>>();

/** A tenth of the interval (30 s at PT5M), at least two seconds: a verdict needs batches of several intervals anyway. */
const freshMs = (services: Runtime) => Math.max(2000, (durationMs(services.config.watchInterval) ?? 300_000) / 10);

/** The watch of each network held (or of the one named by key or id), at most a tenth of an interval old. */
export function watchedNetworks(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  only?: string,
): Promise<NetworkWatch[]> {
  let held = recent.get(services);
  if (!held) {
    held = new Map();
    recent.set(services, held);
  }
  const key = only ?? "";
  const now = Date.now();
  const fresh = freshMs(services);
  const seen = held.get(key);
  if (seen && now - seen.at < fresh) return seen.value;
  for (const [k, v] of held) if (now - v.at >= fresh) held.delete(k);
  const value = foldWatched(federation, services, actors, only, new Date(now));
  value.catch(() => held.delete(key));
  held.set(key, { at: now, value });
  return value;
}

async function foldWatched(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  only: string | undefined,
  now: Date,
): Promise<NetworkWatch[]> {
  const rt = networksRuntime(services, federation, actors);
  const out: NetworkWatch[] = [];
  for (const row of await listNetworks(services.database.db)) {
    if (only !== undefined && row.key !== only && row.id !== only) continue;
    const network = await aidNetwork(rt, row.id);
    if (!network) continue;
    const held = await rt.store.replica(row.id);
    const charter = held?.replica.record(now.getTime(), services.config.networkSettleMs).charter;
    const rule = ruleOf(services, charter ? watchK(charter) : undefined);
    const members = await watchOf(services.database.db, network, rule, now);
    out.push({ id: row.id, key: row.key, name: row.name, reporters: rule.k, members });
  }
  return out;
}
