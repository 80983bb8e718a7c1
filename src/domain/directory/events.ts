// What the directory area announces, or asks the outbox to do later.
export type DirectoryEvent =
  | { readonly commonhost: "inquiry.sent"; readonly id: string }
  /** A replicated provider changed: its actor document is fetched again (conditionally). */
  | { readonly commonhost: "replica.changed"; readonly actorUri: string; readonly depth: number };
