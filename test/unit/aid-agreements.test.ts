// Offers and agreements of mutual aid: the operator's input, the lifecycle of an agreement (who may do
// what, in which state), and its identity: the same digest on both sides whatever order they write it in.
import { describe, expect, it } from "vitest";
import {
  type Agreement,
  type AgreementAction,
  type AgreementTerms,
  applyAction,
  proposeAgreement,
  receiveAgreement,
  settle,
  signedByBoth,
  termsDigest,
} from "../../src/domain/aid/agreements.ts";
import { balanceOfHelp } from "../../src/domain/aid/balance.ts";
import { toFailure } from "../../src/domain/aid/failures.ts";
import { type AidProposal, parseProposal } from "../../src/domain/aid/proposals.ts";

const A = "https://a.example/actor";
const B = "https://b.example/actor";
const C = "https://c.example/actor";
const sign = (actor: string, digest: string) => `sig(${actor},${digest})`;
const verify = (actor: string, digest: string, signature: string) => signature === sign(actor, digest);

const offer: AidProposal = {
  id: "https://a.example/aid/1",
  author: A,
  published: "2026-11-01T00:00:00.000Z",
  purpose: "offer",
  resource: "storage",
  quantity: { value: 500, unit: "GB" },
  from: "2026-11-01T00:00:00.000Z",
  until: "2027-11-01T00:00:00.000Z",
  audience: "network",
};

/** B answers A's offer with 200 GB for December; the terms' digest is what B signs. */
function proposed(): Agreement {
  const answer = { quantity: { value: 200, unit: "GB" }, from: "2026-12-01T00:00:00Z", until: "2027-01-01T00:00:00Z" };
  const at = "2026-11-20T10:00:00.000Z";
  const digest = termsDigest({
    proposal: offer.id,
    provider: A,
    receiver: B,
    resource: "storage",
    quantity: answer.quantity,
    from: answer.from,
    until: answer.until,
    proposed: at,
  });
  const r = proposeAgreement({ proposal: offer, by: B, answer, at, signature: sign(B, digest), verify });
  if (!r.ok) throw new Error(JSON.stringify(r.failure));
  return r.value;
}

function act(a: Agreement, action: AgreementAction): Agreement {
  const r = applyAction(a, action, verify);
  if (!r.ok) throw new Error(JSON.stringify(r.failure));
  return r.value;
}

const at = "2026-11-21T00:00:00.000Z";
const active = () => {
  const a = proposed();
  return act(a, { type: "accept", by: A, at, signature: sign(A, a.id) });
};

describe("an offer or request as the operator writes it", () => {
  it("is checked and normalised, with the audience defaulting to the network", () => {
    const r = parseProposal({
      purpose: "offer",
      resource: "secondary-dns",
      quantity: { value: 3, unit: "zones" },
      from: "2026-12-01T01:00:00+01:00",
      region: "  EU ",
      conditions: "",
    });
    expect(r).toEqual({
      ok: true,
      value: {
        purpose: "offer",
        resource: "secondary-dns",
        quantity: { value: 3, unit: "zones" },
        from: "2026-12-01T00:00:00.000Z",
        region: "EU",
        audience: "network",
      },
    });
  });

  it("names each bad field with a code", () => {
    const r = parseProposal({
      purpose: "lend",
      resource: "gold",
      quantity: { value: -1, unit: "" },
      from: "2026-12-02T00:00:00Z",
      until: "2026-12-01T00:00:00Z",
      audience: "everyone",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.code).toBe("aid.proposal_invalid");
    expect(r.failure.fields).toEqual({
      purpose: { code: "choice" },
      resource: { code: "choice" },
      "quantity.value": { code: "tooSmall", vars: { min: 0 } },
      "quantity.unit": { code: "required" },
      audience: { code: "choice" },
    });
    const { id: _id, author: _author, published: _published, ...terms } = offer;
    const extra = parseProposal({ ...terms, price: 3, from: "1 December" });
    expect(extra.ok ? undefined : extra.failure.fields).toEqual({
      "(root)": { code: "unknown", vars: { keys: "price" } },
      from: { code: "format" },
    });
    const order = parseProposal({
      purpose: "request",
      resource: "compute",
      quantity: { value: 2, unit: "vCPU" },
      from: "2026-12-02T00:00:00Z",
      until: "2026-12-01T00:00:00Z",
    });
    expect(order.ok ? undefined : order.failure.fields).toEqual({ until: { code: "untilBeforeFrom" } });
  });
});

describe("an agreement's identity", () => {
  const terms: AgreementTerms = {
    proposal: offer.id,
    provider: A,
    receiver: B,
    resource: "storage",
    quantity: { value: 200, unit: "GB" },
    from: "2026-12-01T00:00:00.000Z",
    until: "2027-01-01T00:00:00.000Z",
    proposed: "2026-11-20T10:00:00.000Z",
  };

  it("is the same digest on both sides, whatever the order of the keys and the offsets of the dates", () => {
    const otherSide = {
      proposed: "2026-11-20T11:00:00+01:00",
      until: "2027-01-01T00:00:00Z",
      from: "2026-12-01T01:00:00+01:00",
      quantity: { unit: "GB", value: 200 },
      resource: "storage",
      receiver: B,
      provider: A,
      proposal: offer.id,
    } as const;
    expect(termsDigest(otherSide)).toBe(termsDigest(terms));
    expect(termsDigest(terms)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(proposed().id).toBe(termsDigest(terms));
  });

  it("changes with any term", () => {
    const base = termsDigest(terms);
    expect(termsDigest({ ...terms, quantity: { value: 201, unit: "GB" } })).not.toBe(base);
    expect(termsDigest({ ...terms, provider: B, receiver: A })).not.toBe(base);
    expect(termsDigest({ ...terms, until: "2027-01-02T00:00:00.000Z" })).not.toBe(base);
    expect(termsDigest({ ...terms, conditions: "encrypted only" })).not.toBe(base);
  });

  it("is signed by both parties once accepted, and a tampered term breaks it", () => {
    const a = proposed();
    expect(signedByBoth(a, verify)).toBe(false);
    const b = act(a, { type: "accept", by: A, at, signature: sign(A, a.id) });
    expect(signedByBoth(b, verify)).toBe(true);
    expect(signedByBoth({ ...b, terms: { ...b.terms, quantity: { value: 500, unit: "GB" } } }, verify)).toBe(false);
  });
});

describe("proposing an agreement", () => {
  const answer = { quantity: { value: 200, unit: "GB" }, from: "2026-12-01T00:00:00Z", until: "2027-01-01T00:00:00Z" };
  const base = { proposal: offer, by: B, answer, at: "2026-11-20T10:00:00Z", verify };

  it("makes the offer's author the provider and the counterpart the receiver (and the other way for a request)", () => {
    const a = proposed();
    expect([a.state, a.terms.provider, a.terms.receiver, a.proposedBy]).toEqual(["proposed", A, B, B]);
    const request = { ...offer, purpose: "request" as const };
    const id = termsDigest({ ...a.terms, provider: B, receiver: A });
    const r = proposeAgreement({ ...base, proposal: request, signature: sign(B, id) });
    expect(r.ok && [r.value.terms.provider, r.value.terms.receiver]).toEqual([B, A]);
  });

  it("refuses more than offered, another unit, dates outside the offer, a bad signature, or one's own offer", () => {
    const reasons = [
      proposeAgreement({ ...base, answer: { ...answer, quantity: { value: 600, unit: "GB" } }, signature: "" }),
      proposeAgreement({ ...base, answer: { ...answer, quantity: { value: 1, unit: "TB" } }, signature: "" }),
      proposeAgreement({ ...base, answer: { ...answer, until: "2028-01-01T00:00:00Z" }, signature: "" }),
      proposeAgreement({ ...base, signature: "forged" }),
      proposeAgreement({ ...base, by: A, signature: "" }),
    ].map((r) => (r.ok ? "accepted" : `${r.failure.code} ${Object.keys(r.failure.fields ?? {}).join(",")}`));
    expect(reasons).toEqual([
      "aid.agreement_invalid quantity.value",
      "aid.agreement_invalid quantity.unit",
      "aid.agreement_invalid until",
      "aid.signature_invalid ",
      "aid.own_proposal ",
    ]);
  });
});

describe("the lifecycle of an agreement", () => {
  const reason = (a: Agreement, action: AgreementAction) => {
    const r = applyAction(a, action, verify);
    return r.ok ? r.value.state : r.failure.code;
  };

  it("is accepted or rejected only by the party that did not propose it", () => {
    const a = proposed();
    expect(reason(a, { type: "accept", by: B, at, signature: sign(B, a.id) })).toBe("aid.own_proposal");
    expect(reason(a, { type: "accept", by: C, at, signature: sign(C, a.id) })).toBe("aid.not_party");
    expect(reason(a, { type: "accept", by: A, at, signature: sign(A, "other") })).toBe("aid.signature_invalid");
    expect(reason(a, { type: "reject", by: B, at })).toBe("aid.own_proposal");
    expect(reason(a, { type: "reject", by: A, at })).toBe("rejected");
    expect(reason(a, { type: "accept", by: A, at, signature: sign(A, a.id) })).toBe("active");
  });

  it("is withdrawn only by its proposer while proposed; either party cancels or ends it once active", () => {
    const a = proposed();
    expect(reason(a, { type: "cancel", by: A, at })).toBe("aid.transition_invalid");
    expect(reason(a, { type: "cancel", by: B, at })).toBe("cancelled");
    expect(reason(a, { type: "end", by: B, at })).toBe("aid.transition_invalid");
    const b = active();
    expect(reason(b, { type: "cancel", by: A, at })).toBe("cancelled");
    expect(reason(b, { type: "cancel", by: B, at })).toBe("cancelled");
    expect(reason(b, { type: "end", by: A, at })).toBe("ended");
    expect(reason(b, { type: "end", by: C, at })).toBe("aid.not_party");
  });

  it("fails as codes the edge translates: a conflict names the state and the action", () => {
    const r = applyAction(proposed(), { type: "end", by: A, at }, verify);
    expect(r.ok ? undefined : toFailure(r.failure)).toEqual({
      code: "conflict",
      reason: "aid.transition_invalid",
      vars: { state: "proposed", action: "end" },
    });
    const q = applyAction(proposed(), { type: "end", by: C, at }, verify);
    expect(q.ok ? undefined : toFailure(q.failure)).toEqual({ code: "forbidden", reason: "aid.not_party" });
  });

  it("records a breach declared by a party, with its reason, and then allows nothing more", () => {
    const b = active();
    expect(reason(b, { type: "breach", by: B, at, reason: "  " })).toBe("aid.agreement_invalid");
    const broken = act(b, { type: "breach", by: B, at, reason: "backups missing since Tuesday" });
    expect([broken.state, broken.breach]).toEqual(["breached", { by: B, reason: "backups missing since Tuesday" }]);
    for (const action of [
      { type: "end", by: A, at },
      { type: "cancel", by: A, at },
      { type: "breach", by: A, at, reason: "x" },
      { type: "accept", by: A, at, signature: sign(A, b.id) },
    ] as const)
      expect(reason(broken, action)).toBe("aid.transition_invalid");
  });

  it("ends by itself after its last period, and a renewal agreed by both adds a period", () => {
    const b = active();
    expect(settle(b, Date.parse("2026-12-31T23:59:59Z")).state).toBe("active");
    expect(settle(b, Date.parse("2027-01-01T00:00:00Z")).state).toBe("ended");
    const until = "2027-02-01T00:00:00.000Z";
    expect(reason(b, { type: "renew", by: A, at, until: "2026-12-15T00:00:00Z", signature: "" })).toBe(
      "aid.agreement_invalid",
    );
    const pendingDigest = (x: Agreement) => x.pendingRenewal?.digest ?? "";
    const asked = act(b, { type: "renew", by: A, at, until, signature: sign(A, renewalOf(b, until)) });
    expect(reason(asked, { type: "acceptRenewal", by: A, at, signature: sign(A, pendingDigest(asked)) })).toBe(
      "aid.transition_invalid",
    );
    const renewed = act(asked, { type: "acceptRenewal", by: B, at, signature: sign(B, pendingDigest(asked)) });
    expect(renewed.periods.map((p) => [p.from, p.until])).toEqual([
      ["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
      ["2027-01-01T00:00:00.000Z", until],
    ]);
    expect(signedByBoth(renewed, verify)).toBe(true);
    expect(settle(renewed, Date.parse("2027-01-15T00:00:00Z")).state).toBe("active");
    expect(settle(renewed, Date.parse(until)).state).toBe("ended");
    const declined = act(asked, { type: "declineRenewal", by: B, at });
    expect([declined.periods.length, declined.pendingRenewal]).toEqual([1, undefined]);
  });

  it("is received by the other side as the same agreement, and refused with a wrong signature or outside proposer", () => {
    const sent = proposed();
    const received = receiveAgreement({ terms: sent.terms, proposedBy: B, signature: sign(B, sent.id), verify });
    expect(received).toEqual({ ok: true, value: sent });
    const forged = receiveAgreement({ terms: sent.terms, proposedBy: B, signature: sign(C, sent.id), verify });
    const outsider = receiveAgreement({ terms: sent.terms, proposedBy: C, signature: sign(C, sent.id), verify });
    expect([forged, outsider].map((r) => (r.ok ? "received" : r.failure.code))).toEqual([
      "aid.signature_invalid",
      "aid.not_party",
    ]);
  });

  it("comes out the same on both sides when both apply the same actions", () => {
    const steps: AgreementAction[] = [
      { type: "accept", by: A, at, signature: sign(A, proposed().id) },
      { type: "end", by: B, at: "2026-12-10T00:00:00Z" },
    ];
    const sideA = steps.reduce(act, proposed());
    const sideB = steps.reduce(act, proposed());
    expect(sideA).toEqual(sideB);
    expect(sideA.state).toBe("ended");
  });
});

/** The digest a renewal signs, read back from the pending renewal of a throwaway application. */
function renewalOf(a: Agreement, until: string): string {
  const r = applyAction(a, { type: "renew", by: A, at, until, signature: "" }, (_x, digest) => {
    captured = digest;
    return true;
  });
  expect(r.ok).toBe(true);
  return captured;
}
let captured = "";

describe("the balance of help", () => {
  it("adds what each side gave and received per partner over lived agreements, never netting them", () => {
    const given = act(active(), { type: "end", by: A, at: "2026-12-11T00:00:00Z" });
    const pending = proposed();
    const received: Agreement = {
      ...active(),
      terms: {
        ...active().terms,
        provider: B,
        receiver: A,
        resource: "sysadmin-hours",
        quantity: { value: 4, unit: "h" },
      },
    };
    const elsewhere: Agreement = { ...active(), terms: { ...active().terms, provider: C, receiver: B } };
    const now = Date.parse("2026-12-21T00:00:00Z");
    expect(balanceOfHelp([given, pending, received, elsewhere], A, now)).toEqual([
      {
        partner: B,
        given: [{ resource: "storage", unit: "GB", quantity: 200, agreements: 1, days: 10 }],
        received: [{ resource: "sysadmin-hours", unit: "h", quantity: 4, agreements: 1, days: 20 }],
      },
    ]);
  });
});
