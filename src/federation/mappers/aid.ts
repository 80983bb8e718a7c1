// Mutual aid as it travels between members, read as raw JSON after the inbox's signature checks (Fedify
// does not know the ValueFlows types). An offer or request is a `Create` of its FEP-0837 `Proposal`,
// signed by its author (FEP-8b32) and addressed to the network it is published in. A proposed agreement
// is a `Create` of its `Agreement`, signed by its proposer, with the proposer's signature of the terms'
// digest (`aidSignature`). The other party answers with an `Accept` (and its own signature of the
// digest) or a `Reject`; either cancels, ends or declares breached an active one with an `Update` whose
// object says `aidState` (a breach with its `aidReason`). A renewal is an `Update` whose object names the
// new end (`aidRenewUntil`) with the proposer's signature of the new period; the other party answers it
// with an `Accept` (and its signature) or a `Reject` naming the same end.
import type { Agreement, AgreementAction } from "../../domain/aid/agreements.ts";
import type { OwnAction } from "../../domain/aid/events.ts";
import type { AidProposal } from "../../domain/aid/proposals.ts";
import { agreementDocument, AGREEMENT_CONTEXT } from "../aid/agreement-document.ts";
import { proposalDocument } from "../aid/documents.ts";

type Json = Record<string, unknown>;

/** The Agreement context with the terms of the steps added. */
export const AID_CONTEXT = [
  AGREEMENT_CONTEXT[0],
  {
    ...AGREEMENT_CONTEXT[1],
    aidSignature: "ch:aidSignature",
    aidState: "ch:aidState",
    aidReason: "ch:aidReason",
    aidRenewUntil: { "@id": "ch:aidRenewUntil", "@type": "xsd:dateTime" },
  },
] as const;

/** The Proposal as sent (before its proof): addressed to the network, and for a public one to everyone. */
export function proposalObject(p: AidProposal, network: string): Json {
  const document = proposalDocument(p, { network: [network] });
  return p.audience === "public" ? { ...document, cc: [network] } : document;
}

/** The Agreement as its proposer sends it (before its proof). */
export function agreementObject(a: Agreement, uri: string): Json {
  const signature = a.periods[0]?.signatures[a.proposedBy];
  return {
    ...agreementDocument(uri, a.terms, a.proposedBy),
    "@context": AID_CONTEXT,
    ...(a.message ? { content: a.message } : {}),
    aidSignature: signature,
  };
}

const STEP_STATES: Partial<Record<OwnAction, string>> = { end: "ended", cancel: "cancelled", breach: "breached" };

/**
 * The activity type, object and extra members of `self`'s step on an agreement, from the agreement as
 * held after the step; undefined when the agreement no longer holds what the step sends.
 */
export function agreementStep(
  a: Agreement,
  self: string,
  action: OwnAction,
  ref: Json,
): { type: string; object: Json; extra: Json } | undefined {
  const last = a.periods[a.periods.length - 1];
  switch (action) {
    case "accept": {
      const signature = a.periods[0]?.signatures[self];
      return signature ? { type: "Accept", object: ref, extra: { aidSignature: signature } } : undefined;
    }
    case "reject":
      return { type: "Reject", object: ref, extra: {} };
    case "renew": {
      const pending = a.pendingRenewal?.by === self ? a.pendingRenewal : undefined;
      if (!pending) return undefined;
      const object = { ...ref, aidRenewUntil: pending.until };
      return { type: "Update", object, extra: { aidSignature: pending.signature } };
    }
    case "acceptRenewal": {
      const signature = last?.signatures[self];
      if (a.periods.length < 2 || !last || !signature) return undefined;
      return { type: "Accept", object: { ...ref, aidRenewUntil: last.until }, extra: { aidSignature: signature } };
    }
    case "declineRenewal": {
      const declined = [...a.history].reverse().find((s) => s.action === "renew" && s.by !== self);
      return declined?.until
        ? { type: "Reject", object: { ...ref, aidRenewUntil: declined.until }, extra: {} }
        : undefined;
    }
    default: {
      const reason = action === "breach" ? a.breach?.reason : undefined;
      const object = { ...ref, aidState: STEP_STATES[action], ...(reason ? { aidReason: reason } : {}) };
      return { type: "Update", object, extra: {} };
    }
  }
}

export function aidActivity(type: string, id: string, actor: string, to: string, object: unknown, extra: Json = {}) {
  return { "@context": AID_CONTEXT, id, type, actor, to: [to], object, ...extra };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export type AidActivity =
  | { readonly kind: "proposal"; readonly object: Json }
  | { readonly kind: "agreement"; readonly object: Json }
  /** A `Delete` of a Proposal, its object a Tombstone: its author withdraws it. */
  | { readonly kind: "withdrawal"; readonly proposal: unknown }
  | {
      readonly kind: "step";
      readonly action: OwnAction;
      readonly digest: unknown;
      readonly signature: unknown;
      /** The reason of a breach. */
      readonly reason?: unknown;
      /** The new end of a renewal, proposed, accepted or declined. */
      readonly until?: unknown;
    };

const STATE_STEPS: Record<string, OwnAction> = { ended: "end", cancelled: "cancel", breached: "breach" };

/** The Tombstone a withdrawn proposal leaves: the object of its `Delete`. */
export const proposalTombstone = (id: string, deleted: Date) => ({
  type: "Tombstone",
  id,
  formerType: "Proposal",
  deleted: deleted.toISOString(),
});

/** What an activity is to mutual aid, or undefined when it is not one of ours. */
export function aidActivityOf(json: Json): AidActivity | undefined {
  const object = json.object;
  if (!isObject(object)) return undefined;
  if (json.type === "Create" && object.type === "Proposal") return { kind: "proposal", object };
  if (json.type === "Delete" && object.type === "Tombstone" && object.formerType === "Proposal")
    return { kind: "withdrawal", proposal: object.id };
  if (object.type !== "Agreement") return undefined;
  if (json.type === "Create") return { kind: "agreement", object };
  const renewal = object.aidRenewUntil !== undefined;
  const step = (action: OwnAction) => ({
    kind: "step" as const,
    action,
    digest: object.termsDigest,
    signature: json.aidSignature,
    ...(object.aidReason !== undefined ? { reason: object.aidReason } : {}),
    ...(renewal ? { until: object.aidRenewUntil } : {}),
  });
  if (json.type === "Accept") return step(renewal ? "acceptRenewal" : "accept");
  if (json.type === "Reject") return step(renewal ? "declineRenewal" : "reject");
  if (json.type !== "Update") return undefined;
  if (renewal) return step("renew");
  const action = typeof object.aidState === "string" ? STATE_STEPS[object.aidState] : undefined;
  return action ? step(action) : undefined;
}

/** An incoming step as the domain's action by `sender` at `at`; what it lacks the domain refuses. */
export function stepAction(step: Extract<AidActivity, { kind: "step" }>, by: string, at: string): AgreementAction {
  const signature = String(step.signature ?? "");
  switch (step.action) {
    case "accept":
    case "acceptRenewal":
      return { type: step.action, by, at, signature };
    case "renew":
      return { type: "renew", by, at, until: String(step.until ?? ""), signature };
    case "breach":
      return { type: "breach", by, at, reason: typeof step.reason === "string" ? step.reason : "" };
    default:
      return { type: step.action, by, at };
  }
}

/** Every address an object names in `to` and `cc`. */
export function addressesOf(object: Json): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return [...list(object.to), ...list(object.cc)].filter((a): a is string => typeof a === "string");
}
