// The instance's own actors, as the domain sees them: the provider the instance publishes, and the
// working groups it hosts (Group actors); an instance actor would be a further kind. Each has its own
// identifier (a group never takes the provider's handle). Whatever asks for "the actor called X" looks it up here, by
// identifier: nothing may assume the instance has a single actor.
import type { Db } from "../../db/client.ts";
import { findGroup, type GroupRecord, listGroupVersions } from "../groups/groups.repository.ts";
import { findProvider, findProviderVersion, type ProviderRecord } from "../provider/provider.repository.ts";

/** Where every local actor is published; it must never change once the actor is followed. */
export const ACTOR_PATH = "/actors/{identifier}";

/** The URI of a local actor on an instance at `origin`. */
export function localActorUri(origin: string, identifier: string): string {
  return new URL(ACTOR_PATH.replace("{identifier}", encodeURIComponent(identifier)), origin).href;
}

export type LocalActor =
  | {
      readonly kind: "provider";
      readonly identifier: string;
      /** Changes whenever what the actor publishes about itself changes. */
      readonly version: number;
      readonly record: ProviderRecord;
    }
  | {
      readonly kind: "group";
      readonly identifier: string;
      readonly version: number;
      readonly record: GroupRecord;
    };

export type ProviderActor = Extract<LocalActor, { kind: "provider" }>;

const providerActor = (record: ProviderRecord): ProviderActor => ({
  kind: "provider",
  identifier: record.handle,
  version: record.version,
  record,
});

/** The local actor with this identifier, of whatever kind, if there is one. */
export async function findLocalActor(db: Db, identifier: string): Promise<LocalActor | undefined> {
  const record = await findProvider(db);
  if (record && record.handle === identifier) return providerActor(record);
  const group = await findGroup(db, identifier);
  return group ? { kind: "group", identifier: group.handle, version: group.version, record: group } : undefined;
}

/** The provider's actor (undefined before setup): the one that publishes announcements and the profile. */
export async function findProviderActor(db: Db): Promise<ProviderActor | undefined> {
  const record = await findProvider(db);
  return record ? providerActor(record) : undefined;
}

/** Every local actor, by kind and identifier (a cheap read). */
export async function listLocalActors(db: Db): Promise<{ kind: LocalActor["kind"]; identifier: string }[]> {
  const row = await findProviderVersion(db);
  if (!row) return [];
  const groups = await listGroupVersions(db);
  return [
    { kind: "provider", identifier: row.handle },
    ...groups.map((g) => ({ kind: "group" as const, identifier: g.handle })),
  ];
}

/** A local actor's current version, for caches of its document (a cheap read); undefined if there is none. */
export async function localActorVersion(db: Db, identifier: string): Promise<number | undefined> {
  const row = await findProviderVersion(db);
  if (row?.handle === identifier) return row.version;
  return (await listGroupVersions(db)).find((g) => g.handle === identifier)?.version;
}
