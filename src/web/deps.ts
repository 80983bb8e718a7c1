import type { Peers } from "../domain/directory/peers.ts";
import type { NetworkOperations } from "../domain/networks/operations.ts";
import type { NetworkSyncPort } from "../domain/networks/sync.ts";
import type { AppFederation } from "../federation/federation.ts";
import type { LocalActors } from "../federation/local-actors.ts";
import type { Runtime } from "../runtime.ts";

/** What the web layer is built from. */
export type WebDeps = {
  readonly services: Runtime;
  readonly federation: AppFederation;
  readonly localActors: LocalActors;
  /** Following providers and replicating them: the federation's, handed over by the composition root. */
  readonly peers: Peers;
  /** The networks this instance is in: the federation's, handed over by the composition root. */
  readonly networks: NetworkOperations;
  /** The networks this instance serves to other members' anti-entropy rounds. */
  readonly networkSync: NetworkSyncPort;
};
