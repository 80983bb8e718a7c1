// Keeping replicas of the network's provider profiles: fetched when a peer is added or accepts,
// re-fetched on its Update, refreshed periodically with one conditional GET each, and extended with
// the providers that peers follow, to a bounded depth.
import {
  applyReplica,
  findReplica,
  listRemoteReplicas,
  markSeen,
  removeReplica,
} from "../../domain/directory/replica.repository.ts";
import { listLocalActors, localActorUri } from "../../domain/actors/local-actors.ts";
import { markMembers, recordedMembership, repairMemberMarks } from "../../domain/directory/membership.ts";
import { pruneDirectoryChanges } from "../../domain/directory/search/index.ts";
import { markAuthorGone } from "../../domain/docs/library.ts";
import type { Runtime } from "../../runtime.ts";
import { refreshOffers } from "./peer-offers.ts";
import {
  fetchCollectionItems,
  fetchPeerProfile,
  publicIconUrl,
  type FetchOutcome,
  type PeerDocument,
} from "./peer-profile.ts";

export type RefreshOptions = { depth: number; learnedFrom?: string | null; conditional?: boolean };

/** Our own actors' URIs: never replicated as remote providers. */
async function ownActorUris(services: Runtime): Promise<Set<string>> {
  const actors = await listLocalActors(services.database.db);
  return new Set(actors.map((a) => localActorUri(services.config.origin, a.identifier)));
}

/** Fetches one provider's profile (conditionally if we hold a replica) and applies it. */
export async function refreshReplica(
  services: Runtime,
  actorUri: string,
  options: RefreshOptions,
): Promise<FetchOutcome> {
  const { db } = services.database;
  const existing = await findReplica(db, actorUri);
  if (existing?.local) return { status: "not-modified" };
  const outcome = await fetchPeerProfile(
    services,
    actorUri,
    options.conditional === false || !existing ? {} : existing,
  );
  const log = services.logger.child({ module: "directory", actorUri });
  switch (outcome.status) {
    case "ok":
      await applyReplica(db, {
        ...outcome.document,
        iconUrl: await publicIconUrl(services, outcome.document.iconUrl),
        depth: Math.min(options.depth, existing?.depth ?? options.depth),
        learnedFrom: existing?.learnedFrom ?? options.learnedFrom ?? null,
      });
      // A provider new to the directory may already be a member of one of our networks.
      if (!existing) await markMembers(db, await recordedMembership(db).memberships(), [actorUri]);
      await refreshOffers(services, actorUri, outcome.document.proposals);
      break;
    case "not-modified":
      await markSeen(db, actorUri);
      // Offers change without the actor document changing: their collection is read every time.
      await refreshOffers(services, actorUri, existing?.proposalsUrl ?? null);
      break;
    case "gone":
      if (existing) await removeReplica(db, actorUri);
      // Its documents held here stay readable, marked gone.
      await markAuthorGone(db, actorUri);
      log.info("provider gone (410): replica removed");
      break;
    case "not-a-provider":
      // A peer that stops publishing a valid profile keeps its last known one and turns stale.
      log.info({ reason: outcome.reason }, "not a Commonhost provider document");
      break;
    case "failed":
      log.debug({ reason: outcome.reason }, "refresh failed; the replica ages towards stale");
      break;
  }
  return outcome;
}

/** Learns the providers a peer follows (those that publish a Commonhost profile), one level deeper. */
export async function discoverFrom(
  services: Runtime,
  peer: Pick<PeerDocument, "actorUri" | "following">,
  peerDepth: number,
): Promise<number> {
  if (!peer.following || peerDepth >= services.config.directoryDiscoveryDepth) return 0;
  const own = await ownActorUris(services);
  const candidates = await fetchCollectionItems(services, peer.following);
  let learned = 0;
  for (const actorUri of candidates) {
    if (own.has(actorUri) || (await findReplica(services.database.db, actorUri))) continue;
    const outcome = await refreshReplica(services, actorUri, { depth: peerDepth + 1, learnedFrom: peer.actorUri });
    if (outcome.status === "ok") learned++;
  }
  return learned;
}

/** Fetches a peer (just added, or accepting our follow) and learns from its following. */
export async function replicatePeer(services: Runtime, actorUri: string): Promise<FetchOutcome> {
  const outcome = await refreshReplica(services, actorUri, { depth: 1, conditional: false });
  if (outcome.status === "ok") await discoverFrom(services, outcome.document, 1);
  return outcome;
}

export type CycleReport = {
  checked: number;
  changed: number;
  notModified: number;
  failed: number;
  removed: number;
  learned: number;
};

/** One pass over every replica: one conditional GET each, then discovery through direct peers. */
export async function runRefreshCycle(services: Runtime, concurrency = 8): Promise<CycleReport> {
  const replicas = await listRemoteReplicas(services.database.db);
  const report: CycleReport = { checked: 0, changed: 0, notModified: 0, failed: 0, removed: 0, learned: 0 };
  const peers: { peer: Pick<PeerDocument, "actorUri" | "following">; depth: number }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < replicas.length) {
      const replica = replicas[next++]!;
      const outcome = await refreshReplica(services, replica.actorUri, { depth: replica.depth });
      report.checked++;
      if (outcome.status === "ok") {
        report.changed++;
        if (replica.depth < services.config.directoryDiscoveryDepth)
          peers.push({ peer: outcome.document, depth: replica.depth });
      } else if (outcome.status === "not-modified") {
        report.notModified++;
        if (replica.depth < services.config.directoryDiscoveryDepth)
          peers.push({ peer: { actorUri: replica.actorUri, following: replica.followingUrl }, depth: replica.depth });
      } else if (outcome.status === "gone") report.removed++;
      else report.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, replicas.length) }, worker));
  // An unchanged peer may still follow new providers: its following collection is read every cycle.
  for (const { peer, depth } of peers) report.learned += await discoverFrom(services, peer, depth);
  // Member marks are written as membership changes; a cycle repairs any that a crash left behind.
  await repairMemberMarks(services.database.db, await recordedMembership(services.database.db).memberships());
  // A cycle logs a change per replica it checked: the oldest entries go.
  await pruneDirectoryChanges(services.database);
  return report;
}

/**
 * Runs a refresh cycle when the workers start, then every DIRECTORY_REFRESH_INTERVAL until the signal
 * aborts: an instance back from downtime catches up on what its peers changed meanwhile at once, not
 * an interval later. Returns a function that resolves once no cycle is running (to await before the
 * database closes).
 */
export function startDirectoryRefresh(services: Runtime, signal: AbortSignal): () => Promise<void> {
  const log = services.logger.child({ module: "directory" });
  let running: Promise<void> | undefined;
  const cycle = () => {
    if (running || signal.aborted) return;
    running = runRefreshCycle(services)
      .then((report) => log.info(report, "directory refresh cycle done"))
      .catch((err: unknown) => log.warn({ err }, "directory refresh cycle failed"))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(cycle, 0);
  const timer = setInterval(cycle, services.config.directoryRefreshMs);
  first.unref();
  timer.unref();
  signal.addEventListener(
    "abort",
    () => {
      clearTimeout(first);
      clearInterval(timer);
    },
    { once: true },
  );
  return async () => {
    await running;
  };
}
