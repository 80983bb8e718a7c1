// What the shared documents area asks the outbox to do.
export type DocsEvent =
  /** A local document was written or changed (a revision, a translation): its readers get the Article. */
  | { readonly commonhost: "docs.document.published"; readonly id: string; readonly created: boolean }
  /** A change proposed here to another instance's document: its author's instance gets the Offer. */
  | { readonly commonhost: "docs.proposal.offered"; readonly key: string }
  /** A proposal from another instance was accepted or rejected here: its proposer hears it. */
  | { readonly commonhost: "docs.proposal.decided"; readonly key: string };
