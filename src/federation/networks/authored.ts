// Any signed JSON-LD document of a network (an offer, an agreement, a report, a document): its FEP-8b32
// proof must verify and be made with a key that the author it names owns (trust/ownership.ts).
import type { KeyCache } from "@fedify/fedify";
import { verifyProof } from "@fedify/fedify";
import { DataIntegrityProof } from "@fedify/vocab";
import { keyBelongsTo, type Loaders } from "../trust/ownership.ts";

const DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v1";

export type Authorship = { readonly ok: true } | { readonly ok: false; readonly why: string };

/** Whether `document`'s proof verifies with a key that `author` owns. Never throws. */
export async function verifyAuthored(
  document: Readonly<Record<string, unknown>>,
  author: string,
  loaders: Loaders,
  keyCache?: KeyCache,
): Promise<Authorship> {
  const proofJson = document.proof;
  if (typeof proofJson !== "object" || proofJson === null || Array.isArray(proofJson))
    return { ok: false, why: "it carries no integrity proof" };
  let proof: DataIntegrityProof;
  try {
    proof = await DataIntegrityProof.fromJsonLd({ "@context": DATA_INTEGRITY, ...proofJson }, loaders);
  } catch {
    return { ok: false, why: "its integrity proof cannot be read" };
  }
  const keyUrl = proof.verificationMethodId;
  const key = await verifyProof(document, proof, { ...loaders, ...(keyCache ? { keyCache } : {}) }).catch(() => null);
  if (!key || !keyUrl) return { ok: false, why: "its integrity proof does not verify" };
  let authorUrl: URL;
  try {
    authorUrl = new URL(author);
  } catch {
    return { ok: false, why: "its author is not a URL" };
  }
  const ownership = await keyBelongsTo(keyUrl, authorUrl, loaders);
  return ownership.owned
    ? { ok: true }
    : { ok: false, why: `the proof is not made with a key of its author: ${ownership.why}` };
}
