// Each party of an agreement signs its digest (`sha256:<hex>`) with its Ed25519 key, the one its actor
// lists under `assertionMethod` and signs network objects with; the signature travels in base58btc
// multibase. The domain checks signatures through a synchronous port, so the keys of the actors
// concerned are loaded first: ours from our key pairs, a peer's from its actor document.
import { isActor, Object as APObject } from "@fedify/vocab";
import { decodeMultibase, encodeMultibase } from "@fedify/vocab-runtime";
import { KeyObject, verify } from "node:crypto";
import type { VerifySignature } from "../../domain/aid/agreements.ts";
import type { NetworksRuntime, NetworkSelf } from "../networks/runtime.ts";

const bytes = (digest: string) => new TextEncoder().encode(digest);

/** This provider's signature of a digest. */
export async function signDigest(self: NetworkSelf, digest: string): Promise<string> {
  const signature = new Uint8Array(await crypto.subtle.sign("Ed25519", self.signer.privateKey, bytes(digest)));
  return new TextDecoder().decode(encodeMultibase("base58btc", signature));
}

/** The Ed25519 public keys an actor lists under `assertionMethod` (none when it cannot be read). */
async function keysOf(rt: NetworksRuntime, self: NetworkSelf | undefined, actor: string): Promise<KeyObject[]> {
  if (self && actor === self.actor) {
    const ctx = rt.federation.createContext(new URL(rt.services.config.origin), rt.services);
    const pairs = await ctx.getActorKeyPairs(self.identifier);
    return pairs.filter((p) => p.publicKey.algorithm.name === "Ed25519").map((p) => KeyObject.from(p.publicKey));
  }
  try {
    const loaders = rt.loaders();
    const { document } = await loaders.documentLoader(actor);
    const found = await APObject.fromJsonLd(document, loaders);
    if (!isActor(found) || found.id?.href !== actor) return [];
    const keys: KeyObject[] = [];
    for await (const key of found.getAssertionMethods(loaders)) {
      if (key.controllerId?.href !== actor || key.publicKey?.algorithm.name !== "Ed25519") continue;
      keys.push(KeyObject.from(key.publicKey));
    }
    return keys;
  } catch (error) {
    rt.services.logger.info({ actor, err: error }, "the keys of an agreement party could not be read");
    return [];
  }
}

/** A signature check for the given actors, their keys loaded once; any other actor's signature fails. */
export async function verifierFor(rt: NetworksRuntime, actors: readonly string[]): Promise<VerifySignature> {
  const self = await rt.self();
  const keys = new Map<string, KeyObject[]>();
  for (const actor of new Set(actors)) keys.set(actor, await keysOf(rt, self, actor));
  return (actor, digest, signature) => {
    let raw: Uint8Array;
    try {
      raw = decodeMultibase(signature);
    } catch {
      return false;
    }
    return (keys.get(actor) ?? []).some((key) => verify(null, bytes(digest), key, raw));
  };
}
