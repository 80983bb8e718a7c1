// Offers and requests as FEP-0837 Proposals: the JSON-LD we send, the same offer read back from it,
// hostile or foreign Proposals refused or mapped, and the parts of the public Note.
import { describe, expect, it } from "vitest";
import { type AgreementTerms, termsDigest } from "../../src/domain/aid/agreements.ts";
import type { AidProposal } from "../../src/domain/aid/proposals.ts";
import { agreementDocument, parseAgreementDocument } from "../../src/federation/aid/agreement-document.ts";
import {
  noteText,
  PROPOSAL_CONTEXT,
  parseProposalDocument,
  proposalDocument,
  publicNoteParts,
} from "../../src/federation/aid/documents.ts";

const offer: AidProposal = {
  id: "https://a.example/aid/offers/7",
  author: "https://a.example/actor",
  published: "2026-11-01T08:00:00.000Z",
  purpose: "offer",
  resource: "backup-space",
  quantity: { value: 1.5, unit: "TB" },
  from: "2026-12-01T00:00:00.000Z",
  until: "2027-06-01T00:00:00.000Z",
  region: "EU",
  conditions: "Encrypted at rest; restic or borg.",
  audience: "public",
};
const network = { network: ["https://a.example/networks/k1/members"] };

describe("a Proposal (FEP-0837)", () => {
  it("says what is offered in ValueFlows terms", () => {
    expect(proposalDocument(offer, network)).toEqual({
      "@context": PROPOSAL_CONTEXT,
      type: "Proposal",
      id: "https://a.example/aid/offers/7",
      attributedTo: "https://a.example/actor",
      published: "2026-11-01T08:00:00.000Z",
      purpose: "offer",
      name: "backup-space: 1.5 TB",
      publishes: {
        type: "Intent",
        id: "https://a.example/aid/offers/7#primary",
        action: "deliverService",
        provider: "https://a.example/actor",
        resourceConformsTo: "https://w3id.org/commonhost/ns#aid-backup-space",
        resourceQuantity: { hasUnit: "TB", hasNumericalValue: "1.5" },
        availableQuantity: { hasUnit: "TB", hasNumericalValue: "1.5" },
        hasBeginning: "2026-12-01T00:00:00.000Z",
        hasEnd: "2027-06-01T00:00:00.000Z",
      },
      unitBased: false,
      location: { type: "Place", name: "EU" },
      conditions: "Encrypted at rest; restic or borg.",
      to: ["https://www.w3.org/ns/activitystreams#Public"],
    });
  });

  it("reads back as the same offer or request, for each audience", () => {
    expect(parseProposalDocument(proposalDocument(offer, network))).toEqual({ ok: true, value: offer });
    const request: AidProposal = {
      id: "https://b.example/aid/requests/2",
      author: "https://b.example/actor",
      published: "2026-11-02T08:00:00.000Z",
      purpose: "request",
      resource: "secondary-dns",
      quantity: { value: 4, unit: "zones" },
      from: "2026-11-03T00:00:00.000Z",
      audience: "network",
    };
    const doc = proposalDocument(request, network);
    expect([doc.to, (doc.publishes as Record<string, unknown>).receiver]).toEqual([network.network, request.author]);
    expect(parseProposalDocument(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, value: request });
  });

  it("accepts another server's spelling: arrays for single values, numbers as numbers, an unknown resource as other", () => {
    const foreign = {
      "@context": "https://www.w3.org/ns/activitystreams",
      type: "Proposal",
      id: "https://c.example/p/1",
      attributedTo: ["https://c.example/u/coop"],
      published: "2026-11-05T10:00:00+02:00",
      purpose: "offer",
      publishes: [
        {
          type: "Intent",
          resourceConformsTo: "https://www.wikidata.org/wiki/Q579716",
          resourceQuantity: { hasUnit: "hours", hasNumericalValue: 10 },
          hasBeginning: "2026-11-06T00:00:00Z",
        },
      ],
      cc: "https://www.w3.org/ns/activitystreams#Public",
      extra: { ignored: true },
    };
    expect(parseProposalDocument(foreign)).toEqual({
      ok: true,
      value: {
        id: "https://c.example/p/1",
        author: "https://c.example/u/coop",
        published: "2026-11-05T08:00:00.000Z",
        purpose: "offer",
        resource: "other",
        quantity: { value: 10, unit: "hours" },
        from: "2026-11-06T00:00:00.000Z",
        audience: "public",
      },
    });
  });

  it("refuses what is not a Proposal of ours to read, and what breaks the rules of an offer", () => {
    const doc = proposalDocument(offer, network);
    const intent = doc.publishes as Record<string, unknown>;
    const cases = [
      { ...doc, type: "Note" },
      { ...doc, id: "javascript:alert(1)" },
      { ...doc, purpose: "sale" },
      { ...doc, publishes: { ...intent, resourceQuantity: { hasUnit: "TB", hasNumericalValue: "-3" } } },
      { ...doc, publishes: { ...intent, hasEnd: "2026-01-01T00:00:00Z" } },
      { ...doc, publishes: { ...intent, hasBeginning: "tomorrow" } },
    ];
    expect(cases.map((c) => (parseProposalDocument(c) as { failure?: { code: string } }).failure?.code)).toEqual([
      "aid.proposal_document_invalid",
      "aid.proposal_document_invalid",
      "aid.proposal_document_invalid",
      "aid.proposal_document_invalid",
      "aid.proposal_invalid",
      "aid.proposal_invalid",
    ]);
  });
});

describe("the public Note of an offer", () => {
  it("is made of parts to translate, and only for a public offer", () => {
    const parts = publicNoteParts(offer, "https://a.example/aid/offers/7");
    expect(parts).toEqual([
      { key: "aid.note.offer", vars: { resource: "backup-space", value: 1.5, unit: "TB" } },
      { key: "aid.note.between", vars: { from: "2026-12-01T00:00:00.000Z", until: "2027-06-01T00:00:00.000Z" } },
      { key: "aid.note.region", vars: { region: "EU" } },
      { key: "aid.note.conditions", vars: { conditions: "Encrypted at rest; restic or borg." } },
      { key: "aid.note.link", vars: { url: "https://a.example/aid/offers/7" } },
    ]);
    expect(publicNoteParts({ ...offer, audience: "network" }, "https://a.example/aid/offers/7")).toBeUndefined();
    const text = noteText(parts ?? [], (key, vars) => `${key}(${Object.values(vars).join("|")})`);
    expect(text.split("\n")[0]).toBe("aid.note.offer(backup-space|1.5|TB)");
  });
});

describe("an Agreement (FEP-0837)", () => {
  const terms: AgreementTerms = {
    proposal: "https://a.example/aid/offers/7",
    provider: "https://a.example/actor",
    receiver: "https://b.example/actor",
    resource: "backup-space",
    quantity: { value: 0.5, unit: "TB" },
    from: "2026-12-01T00:00:00.000Z",
    until: "2027-03-01T00:00:00.000Z",
    conditions: "Encrypted at rest; restic or borg.",
    proposed: "2026-11-20T10:00:00.000Z",
  };
  const id = "https://b.example/aid/agreements/3";

  it("stipulates one Commitment that satisfies the offer's Intent, with the terms' digest", () => {
    const doc = agreementDocument(id, terms, "https://b.example/actor");
    expect({ ...doc, "@context": undefined }).toEqual({
      "@context": undefined,
      type: "Agreement",
      id,
      attributedTo: "https://b.example/actor",
      published: "2026-11-20T10:00:00.000Z",
      stipulates: {
        type: "Commitment",
        id: `${id}#primary`,
        action: "deliverService",
        provider: "https://a.example/actor",
        receiver: "https://b.example/actor",
        satisfies: "https://a.example/aid/offers/7#primary",
        resourceConformsTo: "https://w3id.org/commonhost/ns#aid-backup-space",
        resourceQuantity: { hasUnit: "TB", hasNumericalValue: "0.5" },
        hasBeginning: "2026-12-01T00:00:00.000Z",
        hasEnd: "2027-03-01T00:00:00.000Z",
      },
      conditions: "Encrypted at rest; restic or borg.",
      termsDigest: termsDigest(terms),
    });
  });

  it("reads back as the same terms and digest on the other side, and refuses a changed term", () => {
    const doc = JSON.parse(JSON.stringify(agreementDocument(id, terms, "https://b.example/actor")));
    expect(parseAgreementDocument(doc)).toEqual({
      ok: true,
      value: { id, proposedBy: "https://b.example/actor", terms, digest: termsDigest(terms) },
    });
    const changed = {
      ...doc,
      stipulates: { ...doc.stipulates, resourceQuantity: { hasUnit: "TB", hasNumericalValue: "5" } },
    };
    expect(parseAgreementDocument(changed)).toEqual({ ok: false, failure: { code: "aid.digest_mismatch" } });
    expect(parseAgreementDocument({ ...doc, termsDigest: "md5:0" })).toEqual({
      ok: false,
      failure: { code: "aid.agreement_document_invalid" },
    });
  });
});
