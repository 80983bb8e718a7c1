// The instance's own actors, as the domain sees them. Today there is one kind, the provider the
// instance publishes; working groups (Group actors) and an instance actor will be further kinds,
// each with its own identifier. Whatever asks for "the actor called X" looks it up here, by
// identifier: nothing may assume the instance has a single actor.
import type { Db } from "../../db/client.ts";
import { findProvider, findProviderVersion, type ProviderRecord } from "../provider/provider.repository.ts";

/** Where every local actor is published; it must never change once the actor is followed. */
export const ACTOR_PATH = "/actors/{identifier}";

/** The URI of a local actor on an instance at `origin`. */
export function localActorUri(origin: string, identifier: string): string {
  return new URL(ACTOR_PATH.replace("{identifier}", encodeURIComponent(identifier)), origin).href;
}

export type LocalActor = {
  readonly kind: "provider";
  readonly identifier: string;
  /** Changes whenever what the actor publishes about itself changes. */
  readonly version: number;
  readonly record: ProviderRecord;
};

const providerActor = (record: ProviderRecord): LocalActor => ({
  kind: "provider",
  identifier: record.handle,
  version: record.version,
  record,
});

/** The local actor with this identifier, of whatever kind, if there is one. */
export async function findLocalActor(db: Db, identifier: string): Promise<LocalActor | undefined> {
  const record = await findProvider(db);
  return record && record.handle === identifier ? providerActor(record) : undefined;
}

/** The provider's actor (undefined before setup): the one that publishes announcements and the profile. */
export async function findProviderActor(db: Db): Promise<LocalActor | undefined> {
  const record = await findProvider(db);
  return record ? providerActor(record) : undefined;
}

/** Every local actor, by kind and identifier (a cheap read). */
export async function listLocalActors(db: Db): Promise<{ kind: LocalActor["kind"]; identifier: string }[]> {
  const row = await findProviderVersion(db);
  return row ? [{ kind: "provider", identifier: row.handle }] : [];
}

/** A local actor's current version, for caches of its document (a cheap read); undefined if there is none. */
export async function localActorVersion(db: Db, identifier: string): Promise<number | undefined> {
  const row = await findProviderVersion(db);
  return row?.handle === identifier ? row.version : undefined;
}
