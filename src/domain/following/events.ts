// What the following area announces: our follows of other accounts, and their answers.
export type FollowingEvent =
  | { readonly commonhost: "follow.requested"; readonly actorUri: string }
  | {
      readonly commonhost: "follow.undone";
      readonly actorUri: string;
      readonly followId: string;
      readonly inbox: string;
    }
  /** A peer accepted our follow. */
  | { readonly commonhost: "follow.accepted"; readonly actorUri: string };
