// The instance's own actors as the federation publishes them: their URIs, their key pairs and their
// actor documents, looked up one way, by identifier: the provider, and the working groups it hosts
// (Group actors, mappers/group.ts). An instance actor would be another kind in
// domain/actors/local-actors.ts plus a document builder here.
//
// An actor document is built (JSON-LD compaction, key export) only when the actor changes, not on
// every request: the serialised document is kept and served as is. Another process (the CLI, a
// second server) may change the actor, so its version is re-checked at most every few seconds.
import type { Context } from "@fedify/fedify";
import type { Group, Organization } from "@fedify/vocab";
import { createHash } from "node:crypto";
import {
  findLocalActor,
  type LocalActor,
  listLocalActors,
  localActorUri,
  localActorVersion,
} from "../domain/actors/local-actors.ts";
import { findGroupKeys, type GroupRecord } from "../domain/groups/groups.repository.ts";
import { importJwkPair, type JwkPair } from "../domain/provider/keys.ts";
import { findKeyPairs } from "../domain/provider/provider.repository.ts";
import type { ProviderRecord } from "../domain/provider/provider.repository.ts";
import type { Runtime } from "../runtime.ts";
import { buildActor } from "./mappers/actor.ts";
import { buildGroupActor } from "./mappers/group.ts";
import { tagUrl } from "./mappers/note.ts";

type EntryBase = {
  readonly identifier: string;
  readonly uri: URL;
  readonly version: number;
  /** The same document, serialised once. */
  readonly body: string;
  readonly etag: string;
};

/** The provider's entry: its record and its Organization. */
export type LocalActorEntry = EntryBase & {
  readonly kind: "provider";
  readonly record: ProviderRecord;
  /** The actor document, as Fedify serves it. */
  readonly actor: Organization;
};

/** A working group's entry: its record and its Group. */
export type GroupActorEntry = EntryBase & {
  readonly kind: "group";
  readonly record: GroupRecord;
  readonly actor: Group;
};

export type AnyActorEntry = LocalActorEntry | GroupActorEntry;

/**
 * A Fedify context, or a function that makes one: creating a context costs more than serving a
 * cached document, so it is made only when a document must be rebuilt.
 */
export type ContextSource = Context<Runtime> | (() => Context<Runtime>);

const MISS_RECHECK_MS = 250;

type Known = { actors: { kind: LocalActor["kind"]; identifier: string }[]; at: number };

export class LocalActors {
  readonly #services: Runtime;
  readonly #recheckMs: number;
  readonly #documents = new Map<string, { entry: AnyActorEntry; checkedAt: number }>();
  readonly #building = new Map<string, Promise<AnyActorEntry | undefined>>();
  #known: Known | undefined;
  #keyPairs: Promise<CryptoKeyPair[]> | undefined;
  readonly #groupKeyPairs = new Map<string, Promise<CryptoKeyPair[]>>();

  constructor(services: Runtime, recheckMs = 2000) {
    this.#services = services;
    this.#recheckMs = recheckMs;
  }

  /** The URI of the local actor with this identifier. */
  uri(identifier: string): URL {
    return new URL(localActorUri(this.#services.config.origin, identifier));
  }

  /**
   * The local actors' kinds and identifiers, read again at most every few seconds: Fedify asks whose
   * key pairs to use on many requests (a personal inbox, a signed fetch). An instance with no actor
   * yet is asked again each time, so a fresh setup is seen at once.
   */
  async list(): Promise<Known["actors"]> {
    const known = this.#known;
    if (known && known.actors.length > 0 && Date.now() - known.at < this.#recheckMs) return known.actors;
    const actors = await listLocalActors(this.#services.database.db);
    this.#known = { actors, at: Date.now() };
    return actors;
  }

  /** Whether a local actor has this identifier. */
  async has(identifier: string): Promise<boolean> {
    return (await this.#find(identifier)) !== undefined;
  }

  /**
   * The local actor with this identifier; on a miss the list is read again once, so a group created
   * by another process (or a moment ago) is known at once, never served without its keys. Misses read
   * the database at most every MISS_RECHECK_MS: requests for unknown names are cheap to send.
   */
  async #find(identifier: string): Promise<Known["actors"][number] | undefined> {
    const found = (await this.list()).find((a) => a.identifier === identifier);
    if (found || (this.#known && Date.now() - this.#known.at < MISS_RECHECK_MS)) return found;
    this.#known = undefined;
    return (await this.list()).find((a) => a.identifier === identifier);
  }

  /** The provider's identifier, or undefined before setup. */
  async providerIdentifier(): Promise<string | undefined> {
    return (await this.list()).find((a) => a.kind === "provider")?.identifier;
  }

  /** A local actor's key pairs, RSA first (the one draft-cavage signatures use); none for a stranger. */
  async keyPairs(identifier: string): Promise<CryptoKeyPair[]> {
    const known = await this.#find(identifier);
    if (!known) return [];
    if (known.kind === "group") return this.#groupKeys(identifier);
    // The provider's keys; imported once, as they never change after setup.
    this.#keyPairs ??= findKeyPairs(this.#services.database.db).then(async (rows) => {
      if (rows.length < 2) this.#keyPairs = undefined; // not set up yet: look again next time
      return importSorted(rows);
    });
    return this.#keyPairs;
  }

  /** A group's keys, imported once: they never change. */
  #groupKeys(identifier: string): Promise<CryptoKeyPair[]> {
    let pairs = this.#groupKeyPairs.get(identifier);
    if (!pairs) {
      pairs = findGroupKeys(this.#services.database.db, identifier).then((rows) => importSorted(rows));
      this.#groupKeyPairs.set(identifier, pairs);
    }
    return pairs;
  }

  /** Whether this identifier is a group hosted here. */
  async isGroup(identifier: string): Promise<boolean> {
    return (await this.#find(identifier))?.kind === "group";
  }

  /** The local actor with this identifier and its document, or undefined if there is none. */
  async document(ctx: ContextSource, identifier: string): Promise<AnyActorEntry | undefined> {
    const cached = this.#documents.get(identifier);
    if (cached && Date.now() - cached.checkedAt < this.#recheckMs) return cached.entry;
    if (!cached && !(await this.has(identifier))) return undefined;
    let building = this.#building.get(identifier);
    if (!building) {
      building = this.#refresh(ctx, identifier).finally(() => this.#building.delete(identifier));
      this.#building.set(identifier, building);
    }
    return building;
  }

  /** The provider's actor and document, or undefined before setup. */
  async provider(ctx: ContextSource): Promise<LocalActorEntry | undefined> {
    const identifier = await this.providerIdentifier();
    const entry = identifier === undefined ? undefined : await this.document(ctx, identifier);
    return entry?.kind === "provider" ? entry : undefined;
  }

  /** Forgets what is cached: the next lookup reads the database again. */
  invalidate(): void {
    this.#documents.clear();
    this.#known = undefined;
  }

  async #refresh(context: ContextSource, identifier: string): Promise<AnyActorEntry | undefined> {
    const { db } = this.#services.database;
    const cached = this.#documents.get(identifier);
    if (cached && (await localActorVersion(db, identifier)) === cached.entry.version) {
      cached.checkedAt = Date.now();
      return cached.entry;
    }
    const local = await findLocalActor(db, identifier);
    if (!local) {
      this.#documents.delete(identifier);
      return undefined;
    }
    const ctx = typeof context === "function" ? context() : context;
    const uri = this.uri(identifier);
    const { origin } = this.#services.config;
    const digest = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    let entry: AnyActorEntry;
    if (local.kind === "group") {
      const provider = await this.providerIdentifier();
      const { actor, json } = await buildGroupActor(ctx, local.record, {
        profilePage: new URL(`/groups/${encodeURIComponent(identifier)}`, origin),
        hostedBy: provider === undefined ? null : this.uri(provider),
      });
      const body = JSON.stringify(json);
      entry = { ...local, uri, actor, body, etag: digest(body) };
    } else {
      const { actor, json } = await buildActor(ctx, local.record, {
        profilePage: uri,
        tag: (tag) => tagUrl(origin, tag),
      });
      const body = JSON.stringify(json);
      entry = { ...local, uri, actor, body, etag: digest(body) };
    }
    this.#documents.set(identifier, { entry, checkedAt: Date.now() });
    return entry;
  }
}

/** Imports key pairs, RSA first (the one draft-cavage signatures use). */
function importSorted(rows: JwkPair[]): Promise<CryptoKeyPair[]> {
  const sorted = [...rows].sort((a, b) =>
    a.algorithm === "RSASSA-PKCS1-v1_5" ? -1 : b.algorithm === "RSASSA-PKCS1-v1_5" ? 1 : 0,
  );
  return Promise.all(sorted.map(importJwkPair));
}
