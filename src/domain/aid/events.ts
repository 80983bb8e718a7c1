// What the mutual-aid area announces: one delivery of an offer or request to one fellow member, and one
// step of an agreement (its proposal, or one of the actions below) to the other party, and one health
// watch report batch to one fellow member. One event per
// recipient, so that a member that is down does not hold back the others.

/** What a party does to an agreement: the same names on the API, in events and in the domain. */
export type OwnAction =
  | "accept"
  | "reject"
  | "end"
  | "cancel"
  | "breach"
  | "renew"
  | "acceptRenewal"
  | "declineRenewal";

export type AidEvent =
  | { readonly commonhost: "aid.proposal.deliver"; readonly key: string; readonly to: string }
  /** The withdrawal of an own offer or request, to one member it was delivered to. */
  | { readonly commonhost: "aid.proposal.withdraw"; readonly key: string; readonly to: string }
  | {
      readonly commonhost: "aid.agreement.deliver";
      readonly key: string;
      readonly to: string;
      readonly action: "propose" | OwnAction;
    }
  /** This instance's report batch of one round of the health watch, to one fellow member of the network. */
  | { readonly commonhost: "aid.watch.deliver"; readonly network: string; readonly round: string; readonly to: string };
