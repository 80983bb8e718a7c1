// Peers: the providers this instance follows and keeps replicas of. Adding one follows it and
// replicates its profile at once (its Accept replicates again and learns who it follows).
import type { Peer, Peers } from "../../domain/directory/peers.ts";
import { findReplica, removeReplica } from "../../domain/directory/replica.repository.ts";
import { findFollowed, listFollowing } from "../../domain/following/following.ts";
import { ok, type Result } from "../../domain/validation.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import { followRemote, unfollowRemote } from "../follow-remote.ts";
import { replicatePeer } from "./replication.ts";

export type { Peer } from "../../domain/directory/peers.ts";

/** The peers port (domain/directory/peers.ts) of one instance. */
export const peersOf = (federation: AppFederation, services: Runtime): Peers => ({
  add: (handleOrUrl) => addPeer(federation, services, handleOrUrl),
  list: () => listPeers(services),
  remove: (actorUri) => removePeer(services, actorUri),
});

export async function addPeer(
  federation: AppFederation,
  services: Runtime,
  handleOrUrl: string,
): Promise<Result<Peer>> {
  const followed = await followRemote(federation, services, handleOrUrl);
  if (!followed.ok) return followed;
  const outcome = await replicatePeer(services, followed.value.actorUri);
  const replica = await findReplica(services.database.db, followed.value.actorUri);
  services.logger.info({ actorUri: followed.value.actorUri, replication: outcome.status }, "peer added");
  return ok({
    actorUri: followed.value.actorUri,
    handle: followed.value.handle,
    name: replica?.name ?? followed.value.name,
    state: followed.value.state,
    replicated: !!replica,
    lastSeenAt: replica?.lastSeenAt.toISOString() ?? null,
  });
}

/**
 * Makes a provider a peer, once: follows it unless a follow stands, replicates it unless its replica is
 * held. Throws while it cannot be reached, so that the queue tries again later.
 */
export async function ensurePeer(federation: AppFederation, services: Runtime, actorUri: string): Promise<void> {
  const { db } = services.database;
  const followed = await findFollowed(db, actorUri);
  if (!followed || followed.state === "rejected") {
    const added = await addPeer(federation, services, actorUri);
    if (!added.ok) throw new Error(`cannot follow ${actorUri}: ${added.error.reason}`);
    // Followed now; a replica that could not be fetched yet is fetched on the next try.
    if (!added.value.replicated) throw new Error(`${actorUri} followed but not replicated yet`);
    return;
  }
  if (await findReplica(db, actorUri)) return;
  const outcome = await replicatePeer(services, actorUri);
  if (outcome.status === "failed") throw new Error(`cannot replicate ${actorUri}: ${outcome.reason}`);
}

export async function listPeers(services: Runtime): Promise<Peer[]> {
  const rows = await listFollowing(services.database.db);
  return Promise.all(
    rows.map(async (row) => {
      const replica = await findReplica(services.database.db, row.actorUri);
      return {
        actorUri: row.actorUri,
        handle: row.handle,
        name: replica?.name ?? row.name,
        state: row.state,
        replicated: !!replica,
        lastSeenAt: replica?.lastSeenAt.toISOString() ?? null,
      };
    }),
  );
}

/** Stops following the peer and drops its replica (providers learned through it stay until they fade). */
export async function removePeer(services: Runtime, actorUri: string): Promise<Result<{ actorUri: string }>> {
  const result = await unfollowRemote(services, actorUri);
  if (result.ok) await removeReplica(services.database.db, actorUri);
  return result;
}
