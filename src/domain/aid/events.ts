// What the mutual-aid area announces: one delivery of an offer or request to one fellow member, and one
// step of an agreement (its proposal, acceptance, rejection or end) to the other party, and one health
// watch report batch to one fellow member. One event per
// recipient, so that a member that is down does not hold back the others.
export type AidEvent =
  | { readonly commonhost: "aid.proposal.deliver"; readonly key: string; readonly to: string }
  | {
      readonly commonhost: "aid.agreement.deliver";
      readonly key: string;
      readonly to: string;
      readonly action: "propose" | "accept" | "reject" | "end";
    }
  /** This instance's report batch of one round of the health watch, to one fellow member of the network. */
  | { readonly commonhost: "aid.watch.deliver"; readonly network: string; readonly round: string; readonly to: string };
