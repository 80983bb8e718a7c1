// The peers of this instance, as the web and the CLI see them: the providers it follows and keeps
// replicas of. Following and replicating happen over the network, so the federation implements this
// port and the composition root hands it to the web (which imports no federation code).
import type { Result } from "../validation.ts";

export type Peer = {
  actorUri: string;
  handle: string | null;
  name: string | null;
  state: "pending" | "accepted" | "rejected";
  replicated: boolean;
  lastSeenAt: string | null;
};

export type Peers = {
  /** Follows a provider by handle or actor URL and replicates its profile. */
  add(handleOrUrl: string): Promise<Result<Peer>>;
  list(): Promise<Peer[]>;
  /** Stops following the peer and drops its replica. */
  remove(actorUri: string): Promise<Result<{ actorUri: string }>>;
};
