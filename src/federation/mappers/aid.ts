// Mutual aid as it travels between members, read as raw JSON after the inbox's signature checks (Fedify
// does not know the ValueFlows types). An offer or request is a `Create` of its FEP-0837 `Proposal`,
// signed by its author (FEP-8b32) and addressed to the network it is published in. A proposed agreement
// is a `Create` of its `Agreement`, signed by its proposer, with the proposer's signature of the terms'
// digest (`aidSignature`). The other party answers with an `Accept` (and its own signature of the
// digest) or a `Reject`; either ends an active one with an `Update` whose object says `aidState: ended`.
import type { Agreement } from "../../domain/aid/agreements.ts";
import type { AidProposal } from "../../domain/aid/proposals.ts";
import { agreementDocument, AGREEMENT_CONTEXT } from "../aid/agreement-document.ts";
import { proposalDocument } from "../aid/documents.ts";

type Json = Record<string, unknown>;

/** The Agreement context with the terms of the steps added. */
export const AID_CONTEXT = [
  AGREEMENT_CONTEXT[0],
  { ...AGREEMENT_CONTEXT[1], aidSignature: "ch:aidSignature", aidState: "ch:aidState" },
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

export function aidActivity(type: string, id: string, actor: string, to: string, object: unknown, extra: Json = {}) {
  return { "@context": AID_CONTEXT, id, type, actor, to: [to], object, ...extra };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export type AidActivity =
  | { readonly kind: "proposal"; readonly object: Json }
  | { readonly kind: "agreement"; readonly object: Json }
  | {
      readonly kind: "step";
      readonly action: "accept" | "reject" | "end";
      readonly digest: unknown;
      readonly signature: unknown;
    };

/** What an activity is to mutual aid, or undefined when it is not one of ours. */
export function aidActivityOf(json: Json): AidActivity | undefined {
  const object = json.object;
  if (!isObject(object)) return undefined;
  if (json.type === "Create" && object.type === "Proposal") return { kind: "proposal", object };
  if (object.type !== "Agreement") return undefined;
  if (json.type === "Create") return { kind: "agreement", object };
  const step = (action: "accept" | "reject" | "end") => ({
    kind: "step" as const,
    action,
    digest: object.termsDigest,
    signature: json.aidSignature,
  });
  if (json.type === "Accept") return step("accept");
  if (json.type === "Reject") return step("reject");
  if (json.type === "Update" && object.aidState === "ended") return step("end");
  return undefined;
}

/** Every address an object names in `to` and `cc`. */
export function addressesOf(object: Json): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return [...list(object.to), ...list(object.cc)].filter((a): a is string => typeof a === "string");
}
