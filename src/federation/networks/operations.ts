// The networks this instance is in, as the API, panel and command line use them (NetworkOperations).
import type { NetworkOperations } from "../../domain/networks/operations.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";

export function networkOperations(
  _services: Runtime,
  _federation: AppFederation,
  _actors: LocalActors,
): NetworkOperations {
  const missing = () => Promise.reject(new Error("networks are not wired yet"));
  return {
    list: missing,
    get: missing,
    found: missing,
    join: missing,
    motions: missing,
    motion: missing,
    openMotion: missing,
    vote: missing,
    decisions: missing,
    leave: missing,
  };
}
