// URL templates of everything the instance publishes. Actor URLs must never change once followed.
import { ACTOR_PATH } from "../domain/actors/local-actors.ts";
export const paths = {
  actor: ACTOR_PATH,
  inbox: "/actors/{identifier}/inbox",
  sharedInbox: "/inbox",
  outbox: "/actors/{identifier}/outbox",
  followers: "/actors/{identifier}/followers",
  following: "/actors/{identifier}/following",
  featured: "/actors/{identifier}/featured",
  announcement: "/announcements/{id}",
  nodeinfo: "/nodeinfo/2.1",
} as const;
