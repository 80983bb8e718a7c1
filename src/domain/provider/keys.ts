// The provider actor's key pairs: RSA for draft-cavage HTTP signatures, Ed25519 for object proofs.
import { webcrypto } from "node:crypto";

export type Algorithm = "RSASSA-PKCS1-v1_5" | "Ed25519";
export type JwkPair = { algorithm: Algorithm; publicJwk: JsonWebKey; privateJwk: JsonWebKey };

const params: Record<Algorithm, RsaHashedKeyGenParams | { name: "Ed25519" }> = {
  "RSASSA-PKCS1-v1_5": {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  },
  Ed25519: { name: "Ed25519" },
};

export async function generateJwkPair(algorithm: Algorithm): Promise<JwkPair> {
  const pair = (await webcrypto.subtle.generateKey(params[algorithm], true, ["sign", "verify"])) as CryptoKeyPair;
  return {
    algorithm,
    publicJwk: (await webcrypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey,
    privateJwk: (await webcrypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey,
  };
}

export async function importJwkPair(pair: JwkPair): Promise<CryptoKeyPair> {
  const alg = params[pair.algorithm];
  return {
    publicKey: (await webcrypto.subtle.importKey("jwk", pair.publicJwk, alg, true, ["verify"])) as CryptoKey,
    privateKey: (await webcrypto.subtle.importKey("jwk", pair.privateJwk, alg, true, ["sign"])) as CryptoKey,
  };
}
