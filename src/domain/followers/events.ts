// What the followers area announces: the accounts that follow one of our local actors.
export type FollowersEvent =
  /** A follower was accepted: the Accept of its Follow goes out. */
  {
    readonly commonhost: "follower.accepted";
    /** The local actor followed. */
    readonly identifier: string;
    readonly actorUri: string;
    readonly followId: string;
  };
