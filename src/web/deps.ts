import type { ActorCache } from "../federation/actor-cache.ts";
import type { AppFederation } from "../federation/federation.ts";
import type { Services } from "../services.ts";

/** What the web layer is built from. */
export type WebDeps = {
  readonly services: Services;
  readonly federation: AppFederation;
  readonly actorCache: ActorCache;
};
