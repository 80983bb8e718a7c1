// Checking signed ballots as a member does (bench/networks.ts, section `networks`): each ballot is a
// network document with an FEP-8b32 proof made with its author's Ed25519 key, checked by verifyDocument
// (shape, id digest, Fedify's verifyProof, key ownership) with the authors' keys already cached. The
// baseline, in the same run: bare Ed25519 verifies (WebCrypto, as verifyProof uses) of a 64-byte message.
import { generateCryptoKeyPair, type KeyCache } from "@fedify/fedify";
import { type CryptographicKey, Multikey, Organization } from "@fedify/vocab";
import { getDocumentLoader } from "@fedify/vocab-runtime";
import type { Ballot } from "../src/domain/networks/objects.ts";
import { documentOf } from "../src/federation/networks/documents.ts";
import { signDocument, verifyDocument } from "../src/federation/networks/proof.ts";
import { type Figure, median, round } from "./lib/stats.ts";

const NET = "https://a.example/networks/0123456789abcdef0123";
const AUTHORS = 100;
const BALLOTS = 2000;

class MemoryKeyCache implements KeyCache {
  readonly #keys = new Map<string, CryptographicKey | Multikey | null>();
  get(keyId: URL) {
    return Promise.resolve(this.#keys.get(keyId.href));
  }
  set(keyId: URL, key: CryptographicKey | Multikey | null) {
    this.#keys.set(keyId.href, key);
    return Promise.resolve();
  }
}

async function timeAsync(fn: () => Promise<void>, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchBallotProofs(): Promise<Figure> {
  const actors = new Map<string, unknown>();
  const signers: { actor: string; privateKey: CryptoKey; publicKey: CryptoKey; keyId: URL }[] = [];
  for (let i = 0; i < AUTHORS; i++) {
    const actor = `https://m${i}.example/actor`;
    const pair = await generateCryptoKeyPair("Ed25519");
    const keyId = new URL(`${actor}#key-2`);
    const document = new Organization({
      id: new URL(actor),
      inbox: new URL(`${actor}/inbox`),
      assertionMethods: [new Multikey({ id: keyId, controller: new URL(actor), publicKey: pair.publicKey })],
    });
    actors.set(actor, await document.toJsonLd({ format: "compact" }));
    signers.push({ actor, keyId, ...pair });
  }
  const contextLoader = getDocumentLoader();
  const documentLoader = async (url: string) => {
    const document = actors.get(url.split("#")[0]!);
    return document === undefined ? contextLoader(url) : { document, documentUrl: url, contextUrl: null };
  };
  const loaders = { documentLoader, contextLoader };
  const documents: Record<string, unknown>[] = [];
  for (let i = 0; i < BALLOTS; i++) {
    const signer = signers[i % AUTHORS]!;
    const ballot: Ballot = {
      type: "Ballot",
      network: NET,
      motion: `sha256:${i.toString(16).padStart(64, "0")}`,
      by: signer.actor,
      choice: i % 7 ? "yes" : "no",
      published: new Date(Date.parse("2026-01-01T00:00:00Z") + i * 1000).toISOString(),
    };
    documents.push(await signDocument(documentOf(ballot), signer));
  }
  const keyCache = new MemoryKeyCache();
  const verifyAll = async () => {
    for (const document of documents) {
      const outcome = await verifyDocument(document, loaders, keyCache);
      if (!outcome.ok) throw new Error(`a ballot did not verify: ${outcome.why}`);
    }
  };
  // The first pass fetches and caches the authors' keys; the timed passes find them cached.
  await verifyAll();

  const message = new Uint8Array(64).fill(7);
  const rawSigned = await Promise.all(
    signers.map(async (s) => ({ s, sig: await crypto.subtle.sign("Ed25519", s.privateKey, message) })),
  );
  const rawAll = async () => {
    for (let i = 0; i < BALLOTS; i++) {
      const { s, sig } = rawSigned[i % AUTHORS]!;
      if (!(await crypto.subtle.verify("Ed25519", s.publicKey, sig, message))) throw new Error("bad signature");
    }
  };
  await rawAll();
  const perSecond = (BALLOTS / (await timeAsync(verifyAll, 5))) * 1000;
  const rawPerSecond = (BALLOTS / (await timeAsync(rawAll, 5))) * 1000;
  return {
    name: "signed ballots verified per second (verifyDocument, keys cached), one core",
    ratio: perSecond / rawPerSecond,
    value: round(perSecond, 0),
    unit: "/s",
    baseline: `${round(rawPerSecond, 0)} bare Ed25519 verifies/s`,
    target: "≥ 1,000/s",
    pass: perSecond >= 1000,
  };
}
