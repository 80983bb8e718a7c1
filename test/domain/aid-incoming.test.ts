// What the domain decides about mutual aid from peers, without HTTP or Fedify: an offer is kept only
// from its author, a current fellow member of a network it names; a proposed agreement only from one of
// its parties, signed, answering one of our offers; a step only from the other party. Signatures are a
// fake port: "sig:<actor>:<digest>".
import { describe, expect, it } from "vitest";
import {
  type AgreementTerms,
  proposeAgreement,
  termsDigest,
  type VerifySignature,
} from "../../src/domain/aid/agreements.ts";
import { findAgreement, insertProposal, listOpenProposals } from "../../src/domain/aid/aid.repository.ts";
import {
  receiveAgreementAction,
  receiveProposal,
  receiveProposedAgreement,
  type SharedNetworks,
} from "../../src/domain/aid/incoming.ts";
import type { AidProposal } from "../../src/domain/aid/proposals.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

const SELF = "https://home.example/actors/home";
const PEER = "https://peer.example/actors/peer";
const STRANGER = "https://stranger.example/actors/stranger";
const NETWORK = "https://founder.example/networks/abc";
const NOW = new Date("2027-01-10T00:00:00.000Z");

const sign = (actor: string, digest: string) => `sig:${actor}:${digest}`;
const verify: VerifySignature = (actor, digest, signature) => signature === sign(actor, digest);
/** NETWORK's current members, this provider among them. */
const sharedWith =
  (members: string[]): SharedNetworks =>
  async (actor, named) =>
    named.includes(NETWORK) && members.includes(actor) ? [NETWORK] : [];

const offerBy = (author: string, id = `${new URL(author).origin}/aid/proposals/1`): AidProposal => ({
  id,
  author,
  published: "2027-01-01T00:00:00.000Z",
  purpose: "offer",
  resource: "storage",
  quantity: { value: 500, unit: "GB" },
  from: "2027-01-01T00:00:00.000Z",
  until: "2027-06-01T00:00:00.000Z",
  audience: "network",
});

describe("mutual aid from peers", () => {
  it("keeps an offer only from its author, a current fellow member of a network it names", async () => {
    const db = database().db;
    const offer = offerBy(PEER);
    const stranger = await receiveProposal(db, STRANGER, offerBy(STRANGER), [NETWORK], sharedWith([PEER]), NOW);
    expect(stranger.ok || stranger.error.reason).toBe("aid.not_member");
    const otherNetwork = await receiveProposal(db, PEER, offer, ["https://else.example/n"], sharedWith([PEER]), NOW);
    expect(otherNetwork.ok || otherNetwork.error.reason).toBe("aid.not_member");
    const relayed = await receiveProposal(db, STRANGER, offer, [NETWORK], sharedWith([PEER, STRANGER]), NOW);
    expect(relayed.ok || relayed.error.reason).toBe("aid.not_sender");
    expect(await listOpenProposals(db, {}, NOW)).toEqual([]);

    const kept = await receiveProposal(db, PEER, offer, [NETWORK], sharedWith([PEER]), NOW);
    expect(kept.ok && kept.value.stored).toBe(true);
    const again = await receiveProposal(db, PEER, offer, [NETWORK], sharedWith([PEER]), NOW);
    expect(again.ok && again.value.stored).toBe(false);
    const held = await listOpenProposals(db, { network: NETWORK }, NOW);
    expect(held.map((p) => [p.id, p.local, p.network])).toEqual([[offer.id, false, NETWORK]]);
    // Past its end it is no longer listed.
    expect(await listOpenProposals(db, {}, new Date("2027-07-01T00:00:00.000Z"))).toEqual([]);
  });

  it("keeps a proposed agreement only from a party, signed, answering our offer; steps only from the other party", async () => {
    const db = database().db;
    const fellows = sharedWith([PEER]);
    const offer = offerBy(SELF);
    await insertProposal(db, {
      key: crypto.randomUUID(),
      id: offer.id,
      network: NETWORK,
      author: SELF,
      local: true,
      purpose: "offer",
      resource: "storage",
      proposal: offer,
      publishedAt: NOW,
    });
    const answer = { quantity: { value: 200, unit: "GB" }, from: offer.from, until: offer.until! };
    const at = NOW.toISOString();
    const draft = proposeAgreement({ proposal: offer, by: PEER, answer, at, signature: "", verify: () => true });
    if (!draft.ok) throw new Error(draft.failure.code);
    const terms: AgreementTerms = draft.value.terms;
    const id = draft.value.id;
    const incoming = (signature: string, proposedBy = PEER) => ({
      uri: `https://peer.example/aid/agreements/${id.slice(7)}`,
      proposedBy,
      terms,
      signature,
      document: {},
    });

    const forged = await receiveProposedAgreement(db, PEER, SELF, incoming(sign(STRANGER, id)), verify, NOW, fellows);
    expect(forged.ok || forged.error.reason).toBe("aid.signature_invalid");
    const notSender = await receiveProposedAgreement(
      db,
      STRANGER,
      SELF,
      incoming(sign(PEER, id)),
      verify,
      NOW,
      fellows,
    );
    expect(notSender.ok || notSender.error.reason).toBe("aid.not_sender");
    const notOurs = await receiveProposedAgreement(db, PEER, STRANGER, incoming(sign(PEER, id)), verify, NOW, fellows);
    expect(notOurs.ok || notOurs.error.reason).toBe("aid.not_party");
    // Terms signed properly but asking more than offered, or for another resource, are refused.
    for (const changed of [
      { ...terms, quantity: { value: 900, unit: "GB" } },
      { ...terms, resource: "compute" as const },
      { ...terms, provider: PEER, receiver: SELF },
    ]) {
      const digest = termsDigest(changed);
      const greedy = await receiveProposedAgreement(
        db,
        PEER,
        SELF,
        { ...incoming(sign(PEER, digest)), terms: changed },
        verify,
        NOW,
        fellows,
      );
      expect(greedy.ok || greedy.error.reason).toMatch(/^aid\.agreement_invalid$/);
    }
    // A party that is no longer a fellow member of the offer's network is refused.
    const gone = await receiveProposedAgreement(db, PEER, SELF, incoming(sign(PEER, id)), verify, NOW, sharedWith([]));
    expect(gone.ok || gone.error.reason).toBe("aid.not_member");
    expect(await findAgreement(db, id)).toBeUndefined();

    const kept = await receiveProposedAgreement(db, PEER, SELF, incoming(sign(PEER, id)), verify, NOW, fellows);
    expect(kept.ok).toBe(true);
    expect((await findAgreement(db, id))?.state).toBe("proposed");

    // The proposer cannot accept its own proposal; a stranger cannot end it.
    const own = await receiveAgreementAction(
      db,
      PEER,
      id,
      { type: "accept", by: PEER, at, signature: sign(PEER, id) },
      verify,
      NOW,
    );
    expect(own.ok || own.error.reason).toBe("aid.own_proposal");
    const stranger = await receiveAgreementAction(db, STRANGER, id, { type: "reject", by: STRANGER, at }, verify, NOW);
    expect(stranger.ok || stranger.error.reason).toBe("aid.not_party");
    expect((await findAgreement(db, id))?.state).toBe("proposed");
  });
});
