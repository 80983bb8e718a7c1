// Network documents and their FEP-8b32 proofs: what we sign, Fedify verifies; a proof counts only for
// the document's author; a changed field, another actor's key and a missing proof are refused.
import { createProof, generateCryptoKeyPair, verifyProof } from "@fedify/fedify";
import { DataIntegrityProof, Multikey, Note, Organization } from "@fedify/vocab";
import { getDocumentLoader } from "@fedify/vocab-runtime";
import { describe, expect, it } from "vitest";
import type { Ballot, Genesis, Leave, Motion } from "../../src/domain/networks/objects.ts";
import { idOf } from "../../src/domain/networks/objects.ts";
import { documentIdOf, documentOf, networkKeyOf, objectOf } from "../../src/federation/networks/documents.ts";
import { signDocument, verifyDocument } from "../../src/federation/networks/proof.ts";
import { charterBody } from "./builders.ts";

const NETWORK = "https://a.example/networks/0123456789abcdef0123";
const ALICE = "https://a.example/actors/alice";
const BOB = "https://b.example/actors/bob";

/** Actors published at their URLs, each listing its Ed25519 key as an assertion method. */
async function actors(...ids: string[]) {
  const documents = new Map<string, unknown>();
  const signers = new Map<string, { privateKey: CryptoKey; keyId: URL }>();
  for (const id of ids) {
    const pair = await generateCryptoKeyPair("Ed25519");
    const keyId = new URL(`${id}#key-2`);
    const actor = new Organization({
      id: new URL(id),
      inbox: new URL(`${id}/inbox`),
      assertionMethods: [new Multikey({ id: keyId, controller: new URL(id), publicKey: pair.publicKey })],
    });
    documents.set(id, await actor.toJsonLd({ format: "compact" }));
    signers.set(id, { privateKey: pair.privateKey, keyId });
  }
  const contextLoader = getDocumentLoader();
  const documentLoader = async (url: string) => {
    const document = documents.get(url.split("#")[0]!);
    if (document === undefined) return contextLoader(url);
    return { document, documentUrl: url, contextUrl: null };
  };
  return { loaders: { documentLoader, contextLoader }, signer: (id: string) => signers.get(id)! };
}

const ballotOf = (by: string): Ballot => ({
  type: "Ballot",
  network: NETWORK,
  motion: `sha256:${"ab".repeat(32)}`,
  by,
  choice: "yes",
  published: "2026-05-01T10:00:00.000Z",
});

describe("network documents", () => {
  it("carry the engine object, its id under the network, and come back as the same object", () => {
    const genesis: Genesis = {
      type: "Genesis",
      network: NETWORK,
      name: "Hosts",
      founder: ALICE,
      charter: charterBody(),
      published: "2026-05-01T09:00:00.000Z",
    };
    const motion: Motion = {
      type: "Motion",
      network: NETWORK,
      by: ALICE,
      kind: "admission",
      subject: BOB,
      text: "Bob applies",
      charter: 1,
      answers: { "Who are you?": "Bob's co-op" },
      published: "2026-05-01T09:30:00.000Z",
    };
    const leave: Leave = { type: "Leave", network: NETWORK, by: BOB, published: "2026-05-02T00:00:00.000Z" };
    for (const object of [genesis, motion, ballotOf(BOB), leave]) expect(objectOf(documentOf(object))).toEqual(object);

    expect(documentOf(leave)).toMatchObject({ type: "Leave", actor: BOB, object: NETWORK });
    expect(documentOf(genesis)).toMatchObject({ type: "NetworkFounding", founder: ALICE, network: NETWORK });
    expect(documentOf(motion).id).toBe(`${NETWORK}/objects/${idOf(motion).slice(7)}`);
    expect(documentIdOf(NETWORK, idOf(motion))).toBe(documentOf(motion).id);
    expect(networkKeyOf(NETWORK)).toBe("0123456789abcdef0123");
    expect(networkKeyOf("https://a.example/networks/short")).toBeUndefined();
    // A founding whose charter the fold would refuse, an id that is not the digest: not documents.
    expect(objectOf({ ...documentOf(genesis), charter: { rules: { admission: { window: "P1M" } } } })).toBeUndefined();
    expect(objectOf({ ...documentOf(motion), text: "changed" })).toBeUndefined();
  });
});

describe("network proofs", () => {
  it("are made as Fedify makes them, and Fedify verifies them", async () => {
    const { loaders, signer } = await actors(ALICE);
    const created = Temporal.Instant.from("2026-05-01T10:00:01.5Z");
    // Ed25519 is deterministic: the same message, key and options give Fedify's proof value.
    const note = new Note({ id: new URL(`${ALICE}/notes/1`), attribution: new URL(ALICE), content: "Hello" });
    const fedify = await createProof(note, signer(ALICE).privateKey, signer(ALICE).keyId, { ...loaders, created });
    const ours = await signDocument(
      (await note.toJsonLd({ format: "compact" })) as Record<string, unknown>,
      signer(ALICE),
      created,
    );
    const proof = ours.proof as Record<string, unknown>;
    const theirs = (await fedify.toJsonLd({ format: "compact" })) as Record<string, unknown>;
    expect(proof.proofValue).toBe(theirs.proofValue);
    expect(proof).toEqual({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: `${ALICE}#key-2`,
      proofPurpose: "assertionMethod",
      created: "2026-05-01T10:00:01.5Z",
      proofValue: theirs.proofValue,
    });

    const signed = await signDocument(documentOf(ballotOf(ALICE)), signer(ALICE));
    const parsed = await DataIntegrityProof.fromJsonLd(
      { "@context": "https://w3id.org/security/data-integrity/v1", ...(signed.proof as object) },
      loaders,
    );
    expect((await verifyProof(signed, parsed, loaders))?.id?.href).toBe(`${ALICE}#key-2`);
    const verified = await verifyDocument(signed, loaders);
    expect(verified).toMatchObject({ ok: true, object: ballotOf(ALICE) });
  });

  it("refuse a changed field, another actor's key and a document without a proof", async () => {
    const { loaders, signer } = await actors(ALICE, BOB);
    const signed = await signDocument(documentOf(ballotOf(ALICE)), signer(ALICE));

    const changed = { ...documentOf({ ...ballotOf(ALICE), choice: "no" }), proof: signed.proof };
    expect(await verifyDocument(changed, loaders)).toEqual({ ok: false, why: "its integrity proof does not verify" });

    const byBob = await signDocument(documentOf(ballotOf(ALICE)), signer(BOB));
    const forged = await verifyDocument(byBob, loaders);
    expect(forged.ok).toBe(false);
    expect(!forged.ok && forged.why).toContain("not made with a key of its author");

    const { proof: _dropped, ...unsigned } = signed;
    expect(await verifyDocument(unsigned, loaders)).toEqual({ ok: false, why: "it carries no integrity proof" });
    expect(await verifyDocument({ ...signed, type: "Note" }, loaders)).toEqual({
      ok: false,
      why: "it is not a well-formed network document",
    });
  });
});
