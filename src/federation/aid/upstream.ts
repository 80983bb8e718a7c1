// Where a party's upstream comes from: this provider's own profile, a peer's actor document fetched
// now (through the instance's fetch rules), or else the directory's replica of it.
import type { UpstreamOf } from "../../domain/aid/upstream.ts";
import { findProviderActor } from "../../domain/actors/local-actors.ts";
import { findReplica } from "../../domain/directory/replica.repository.ts";
import type { Runtime } from "../../runtime.ts";
import { fetchPeerProfile } from "../directory/peer-profile.ts";

export function upstreamPort(services: Runtime, self: string): UpstreamOf {
  const { db } = services.database;
  return async (actor) => {
    if (actor === self) return (await findProviderActor(db))?.record.profile.place.upstream;
    const fetched = await fetchPeerProfile(services, actor);
    if (fetched.status === "ok") return fetched.document.profile.place.upstream;
    return (await findReplica(db, actor))?.profile.place.upstream;
  };
}
