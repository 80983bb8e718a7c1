// FEP-8b32 object integrity proofs over network documents: a DataIntegrityProof with the eddsa-jcs-2022
// cryptosuite, made over the raw JSON exactly as Fedify's createProof makes it over a vocabulary object
// (sha256 of the canonical proof options, then of the canonical document, signed with Ed25519), and
// checked with Fedify's own verifyProof. A proof counts only for the document's author, with a key
// that author owns (trust/ownership.ts).
import type { KeyCache } from "@fedify/fedify";
import { encodeMultibase } from "@fedify/vocab-runtime";
import { createHash } from "node:crypto";
import { canonicalJson } from "../../domain/networks/canonical.ts";
import { authorOf, type NetworkObject } from "../../domain/networks/objects.ts";
import type { Loaders } from "../trust/ownership.ts";
import { verifyAuthored } from "./authored.ts";
import { objectOf } from "./documents.ts";

/** An actor's Ed25519 key and the URL its actor document lists it under. */
export type DocumentSigner = { readonly privateKey: CryptoKey; readonly keyId: URL };

const CRYPTOSUITE = "eddsa-jcs-2022";

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** The document with a proof made with the signer's key (any proof it carried is replaced). */
export async function signDocument(
  document: Readonly<Record<string, unknown>>,
  signer: DocumentSigner,
  // Milliseconds: a finer instant would not survive the proof's xsd:dateTime reading on the other side.
  created: Temporal.Instant = Temporal.Instant.fromEpochMilliseconds(Date.now()),
): Promise<Record<string, unknown>> {
  const { proof: _replaced, ...unsigned } = document;
  const options = {
    type: "DataIntegrityProof",
    cryptosuite: CRYPTOSUITE,
    verificationMethod: signer.keyId.href,
    proofPurpose: "assertionMethod",
    created: created.toString(),
  };
  const digest = Buffer.concat([
    sha256(canonicalJson({ "@context": unsigned["@context"], ...options })),
    sha256(canonicalJson(unsigned)),
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign("Ed25519", signer.privateKey, digest));
  const proofValue = new TextDecoder().decode(encodeMultibase("base58btc", signature));
  return { ...unsigned, proof: { ...options, proofValue } };
}

export type VerifiedDocument =
  | { readonly ok: true; readonly object: NetworkObject; readonly document: Record<string, unknown> }
  | { readonly ok: false; readonly why: string };

/**
 * Checks a received document: that it is a well-formed network document, that its one proof verifies,
 * and that the proof's key belongs to the object's author (`by`; the founder of a founding; the actor
 * of a departure). Never throws.
 */
export async function verifyDocument(
  document: unknown,
  loaders: Loaders,
  keyCache?: KeyCache,
): Promise<VerifiedDocument> {
  const object = objectOf(document);
  if (!object) return { ok: false, why: "it is not a well-formed network document" };
  const doc = document as Record<string, unknown>;
  const authored = await verifyAuthored(doc, authorOf(object), loaders, keyCache);
  return authored.ok ? { ok: true, object, document: doc } : authored;
}
