// Who sent an incoming activity. Fedify checks signatures too, but it takes a key's `owner` (and a
// Multikey's `controller`) at its word; this check runs first and applies our rule (ownership.ts)
// to the HTTP signature and to object integrity proofs (FEP-8b32) alike. Every actor the activity
// names (and every `attributedTo`) must be proven by the same rule.
import { type KvStore, verifyProof, verifyRequestDetailed } from "@fedify/fedify";
import type { Activity, CryptographicKey } from "@fedify/vocab";
import { RecordingKeyCache } from "./key-cache.ts";
import { keyBelongsTo, type Loaders } from "./ownership.ts";

export type Authentication = { ok: true; by: "signature" | "proof" } | { ok: false; why: string };

/** The URL a verified signature's key was fetched from: the URL the signature named. */
function signedKeyUrl(cache: RecordingKeyCache, keyId: URL | null): URL | null {
  if (keyId && cache.asked.has(keyId.href)) return keyId;
  return cache.asked.size === 1 ? new URL([...cache.asked][0]!) : null;
}

async function allOwned(keyUrl: URL, actors: readonly URL[], loaders: Loaders): Promise<string | null> {
  for (const actor of actors) {
    const ownership = await keyBelongsTo(keyUrl, actor, loaders);
    if (!ownership.owned) return ownership.why;
  }
  return null;
}

/**
 * Verifies a request's HTTP signature and says which key URL made it (the URL the signature named,
 * which is what the ownership rule judges), or why it does not verify.
 */
export async function verifiedSignatureKey(
  request: Request,
  loaders: Loaders,
  kv: KvStore,
): Promise<{ keyUrl: URL; key: CryptographicKey } | { why: string }> {
  const keyCache = new RecordingKeyCache(kv);
  const result = await verifyRequestDetailed(request, { ...loaders, keyCache });
  if (!result.verified) {
    const reason = result.reason;
    if (reason.type === "noSignature") return { why: "the request carries no valid HTTP signature" };
    if (reason.type === "keyFetchError")
      return { why: `the signature's key ${reason.keyId.href} could not be fetched` };
    return { why: "the HTTP signature does not verify" };
  }
  const keyUrl = signedKeyUrl(keyCache, result.key.id);
  if (!keyUrl) return { why: "the signature's key could not be identified" };
  return { keyUrl, key: result.key };
}

async function byHttpSignature(request: Request, actors: readonly URL[], loaders: Loaders, kv: KvStore) {
  const verified = await verifiedSignatureKey(request, loaders, kv);
  if ("why" in verified) return verified.why;
  return allOwned(verified.keyUrl, actors, loaders);
}

async function byProofs(json: unknown, activity: Activity, actors: readonly URL[], loaders: Loaders, kv: KvStore) {
  const keyCache = new RecordingKeyCache(kv);
  const proven = new Set<string>();
  let count = 0;
  for await (const proof of activity.getProofs(loaders)) {
    count++;
    const key = await verifyProof(json, proof, { ...loaders, keyCache });
    const keyUrl = proof.verificationMethodId;
    if (!key || !keyUrl) return "an integrity proof does not verify";
    for (const actor of actors) if ((await keyBelongsTo(keyUrl, actor, loaders)).owned) proven.add(actor.href);
  }
  if (count === 0) return "the activity carries no integrity proof";
  const unproven = actors.filter((a) => !proven.has(a.href));
  return unproven.length === 0
    ? null
    : `no integrity proof is made with a key that ${unproven.map((a) => a.href).join(", ")} lists as its own`;
}

/**
 * Checks that the activity comes from its actors: its HTTP signature, or failing that its integrity
 * proofs, made with a key each actor owns. `request` carries the body as received.
 */
export async function authenticate(
  request: Request,
  json: Record<string, unknown>,
  activity: Activity,
  loaders: Loaders,
  kv: KvStore,
): Promise<Authentication> {
  const actors = [...activity.actorIds, ...activity.attributionIds];
  if (activity.actorIds.length === 0) return { ok: false, why: "the activity names no actor" };
  const signed = request.headers.has("signature") || request.headers.has("signature-input");
  const hasProof = "proof" in json;
  let why = "the request carries neither an HTTP signature nor an integrity proof";
  if (signed) {
    const problem = await byHttpSignature(request, actors, loaders, kv);
    if (problem === null) return { ok: true, by: "signature" };
    why = problem;
  }
  if (hasProof) {
    const problem = await byProofs(json, activity, actors, loaders, kv);
    if (problem === null) return { ok: true, by: "proof" };
    why = signed ? `${why}; ${problem}` : problem;
  }
  return { ok: false, why };
}
