// Each step on an agreement as it travels: what a party sends after acting (agreementStep) is read back
// by the other side as the same action (aidActivityOf, stepAction), renewals and their answers told
// apart from first acceptances and rejections, and a step the agreement no longer holds not sent.
import { describe, expect, it } from "vitest";
import type { Agreement } from "../../src/domain/aid/agreements.ts";
import type { OwnAction } from "../../src/domain/aid/events.ts";
import { agreementStep, aidActivity, aidActivityOf, stepAction } from "../../src/federation/mappers/aid.ts";

const A = "https://a.example/actors/a";
const B = "https://b.example/actors/b";
const ref = { type: "Agreement", id: "https://b.example/aid/agreements/1", termsDigest: "sha256:1" };
const base: Agreement = {
  id: "sha256:1",
  terms: {
    proposal: "https://a.example/aid/proposals/1",
    provider: A,
    receiver: B,
    resource: "failover",
    quantity: { value: 1, unit: "VM" },
    from: "2026-12-01T00:00:00.000Z",
    until: "2027-01-01T00:00:00.000Z",
    proposed: "2026-11-01T00:00:00.000Z",
  },
  proposedBy: B,
  state: "active",
  periods: [
    {
      from: "2026-12-01T00:00:00.000Z",
      until: "2027-01-01T00:00:00.000Z",
      digest: "sha256:1",
      signatures: { [A]: "zA", [B]: "zB" },
    },
  ],
  history: [],
};

/** What A sends for `action` on `a`, as B reads it. */
function travel(a: Agreement, action: OwnAction) {
  const step = agreementStep(a, A, action, ref);
  if (!step) return undefined;
  const read = aidActivityOf(aidActivity(step.type, `${A}#1`, A, B, step.object, step.extra));
  if (read?.kind !== "step") throw new Error("not read as a step");
  return stepAction(read, A, "2026-12-02T00:00:00.000Z");
}

describe("agreement steps on the wire", () => {
  it("reads back every action as the one sent", () => {
    expect(travel(base, "accept")).toMatchObject({ type: "accept", signature: "zA" });
    expect(travel(base, "reject")).toMatchObject({ type: "reject" });
    expect(travel(base, "end")).toMatchObject({ type: "end" });
    expect(travel({ ...base, state: "cancelled" }, "cancel")).toMatchObject({ type: "cancel" });
    expect(travel({ ...base, state: "breached", breach: { by: A, reason: "Never started." } }, "breach")).toEqual({
      type: "breach",
      by: A,
      at: "2026-12-02T00:00:00.000Z",
      reason: "Never started.",
    });
    const pending = { by: A, until: "2027-02-01T00:00:00.000Z", digest: "sha256:2", signature: "zR" };
    expect(travel({ ...base, pendingRenewal: pending }, "renew")).toMatchObject({
      type: "renew",
      until: "2027-02-01T00:00:00.000Z",
      signature: "zR",
    });
    const renewed: Agreement = {
      ...base,
      periods: [
        ...base.periods,
        {
          from: "2027-01-01T00:00:00.000Z",
          until: "2027-02-01T00:00:00.000Z",
          digest: "sha256:2",
          signatures: { [B]: "zB2", [A]: "zA2" },
        },
      ],
    };
    expect(travel(renewed, "acceptRenewal")).toMatchObject({ type: "acceptRenewal", signature: "zA2" });
    const declined: Agreement = {
      ...base,
      history: [{ action: "renew", by: B, at: "2026-12-01T00:00:00.000Z", until: "2027-03-01T00:00:00.000Z" }],
    };
    expect(travel(declined, "declineRenewal")).toMatchObject({ type: "declineRenewal" });
  });

  it("sends nothing the agreement no longer holds", () => {
    // A renewal that is not ours, or no longer pending; an acceptance of a renewal without a second period.
    expect(
      agreementStep({ ...base, pendingRenewal: { by: B, until: "x", digest: "d", signature: "s" } }, A, "renew", ref),
    ).toBeUndefined();
    expect(agreementStep(base, A, "renew", ref)).toBeUndefined();
    expect(agreementStep(base, A, "acceptRenewal", ref)).toBeUndefined();
    expect(agreementStep(base, A, "declineRenewal", ref)).toBeUndefined();
  });

  it("ignores an Update of an Agreement that says nothing it knows", () => {
    expect(aidActivityOf({ type: "Update", actor: A, object: { ...ref, aidState: "paused" } })).toBeUndefined();
    expect(
      aidActivityOf({ type: "Announce", actor: A, object: { ...ref, aidRenewUntil: "2027-01-01" } }),
    ).toBeUndefined();
  });
});
