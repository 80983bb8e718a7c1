// What every part of the networks edge shares within one instance: the store of replicas, this
// instance's provider as a network actor (its URI and its keys), the loaders that fetch and cache remote
// documents, and the timing settings. One per instance, made on first use.
import type { KvStore } from "@fedify/fedify";
import { kvStoreFor } from "../../db/kv-store.ts";
import { NetworkStore } from "../../domain/networks/store.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { RecordingKeyCache } from "../trust/key-cache.ts";
import type { Loaders } from "../trust/ownership.ts";
import { objectOf } from "./documents.ts";
import type { DocumentSigner } from "./proof.ts";
import type { SigningKey } from "./signed-http.ts";

/** This instance's provider as it acts in networks. */
export type NetworkSelf = {
  readonly actor: string;
  readonly identifier: string;
  /** Its Ed25519 key: the proofs of the objects it makes. */
  readonly signer: DocumentSigner;
  /** Its RSA key: the HTTP signatures of what it posts and fetches. */
  readonly httpKey: SigningKey;
};

export type NetworksRuntime = {
  readonly services: Runtime;
  readonly federation: AppFederation;
  readonly actors: LocalActors;
  readonly store: NetworkStore;
  readonly kv: KvStore;
  /** The provider, or undefined before setup. */
  self(): Promise<NetworkSelf | undefined>;
  /** Loaders that fetch remote documents (unsigned) and keep them in the instance's cache. */
  loaders(): Loaders;
  /** A key cache shared with Fedify's, for proofs. */
  keyCache(): RecordingKeyCache;
  /** Asks for an anti-entropy round with a network's peers soon (an applicant that was accepted). */
  syncSoon(network: string): void;
  /** The networks whose round was asked for, emptied as it is read. */
  takeSyncRequests(): string[];
};

const runtimes = new WeakMap<Runtime, NetworksRuntime>();

/** The instance's networks runtime once made (the composition root makes it at start), for inbox handlers. */
export const heldNetworksRuntime = (services: Runtime): NetworksRuntime | undefined => runtimes.get(services);

export function networksRuntime(services: Runtime, federation: AppFederation, actors: LocalActors): NetworksRuntime {
  const known = runtimes.get(services);
  if (known) return known;
  const kv = kvStoreFor(services.database);
  const store = new NetworkStore(services.database, objectOf);
  let self: Promise<NetworkSelf | undefined> | undefined;
  const syncRequests = new Set<string>();
  const context = () => federation.createContext(new URL(services.config.origin), services);

  const findSelf = async (): Promise<NetworkSelf | undefined> => {
    const identifier = await actors.providerIdentifier();
    if (identifier === undefined) return undefined;
    const pairs = await context().getActorKeyPairs(identifier);
    const ed = pairs.find((p) => p.privateKey.algorithm.name === "Ed25519");
    const rsa = pairs.find((p) => p.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5");
    if (!ed || !rsa) return undefined;
    return {
      actor: actors.uri(identifier).href,
      identifier,
      // Proofs name the key as the actor's assertionMethod lists it (its Multikey), not as publicKey does.
      signer: { privateKey: ed.privateKey, keyId: ed.multikey.id ?? ed.keyId },
      httpKey: { privateKey: rsa.privateKey, keyId: rsa.keyId },
    };
  };

  const runtime: NetworksRuntime = {
    services,
    federation,
    actors,
    store,
    kv,
    async self() {
      // The provider and its keys never change once set up; before setup, look again next time.
      self ??= findSelf();
      const found = await self;
      if (!found) self = undefined;
      return found;
    },
    loaders() {
      const ctx = context();
      return { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
    },
    keyCache: () => new RecordingKeyCache(kv),
    syncSoon(network) {
      syncRequests.add(network);
    },
    takeSyncRequests() {
      const out = [...syncRequests];
      syncRequests.clear();
      return out;
    },
  };
  runtimes.set(services, runtime);
  return runtime;
}
