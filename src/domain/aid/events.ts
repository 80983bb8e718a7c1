// What the mutual-aid area announces: one delivery of an offer or request to one fellow member, and one
// step of an agreement (its proposal, acceptance, rejection or end) to the other party. One event per
// recipient, so that a member that is down does not hold back the others.
export type AidEvent =
  | { readonly commonhost: "aid.proposal.deliver"; readonly key: string; readonly to: string }
  | {
      readonly commonhost: "aid.agreement.deliver";
      readonly key: string;
      readonly to: string;
      readonly action: "propose" | "accept" | "reject" | "end";
    };
