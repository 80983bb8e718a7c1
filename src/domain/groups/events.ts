// What the groups area announces: a follower of a group accepted, a member's post relayed.
export type GroupEvent =
  /** A follow of a group was accepted: the Accept goes out from the group. */
  | {
      readonly commonhost: "group.follower.accepted";
      /** The group's handle (its actor identifier). */
      readonly identifier: string;
      readonly actorUri: string;
      readonly followId: string;
    }
  /** A member's post addressed to the group: the group Announces it to its followers, or its members only. */
  | {
      readonly commonhost: "group.relayed";
      readonly identifier: string;
      /** The member's object (a Note's or an Article's id). */
      readonly objectId: string;
      /** Not public: announced to the group's members only (absent in events recorded before). */
      readonly membersOnly?: boolean;
      /** The member who wrote it: it is not sent its own post back. */
      readonly author?: string;
    };
