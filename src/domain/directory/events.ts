// What the directory area announces, or asks the outbox to do later.
export type DirectoryEvent =
  | { readonly commonhost: "inquiry.sent"; readonly id: string }
  /** A replicated provider changed: its actor document is fetched again (conditionally). */
  | { readonly commonhost: "replica.changed"; readonly actorUri: string; readonly depth: number }
  /** A provider to have as a peer (a member of one of our networks): followed and replicated once, retried alone. */
  | { readonly commonhost: "peer.wanted"; readonly actorUri: string };
