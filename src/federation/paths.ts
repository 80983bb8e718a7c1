// URL templates of everything the instance publishes. Actor URLs must never change once followed.
export const paths = {
  actor: "/actors/{identifier}",
  inbox: "/actors/{identifier}/inbox",
  sharedInbox: "/inbox",
  outbox: "/actors/{identifier}/outbox",
  followers: "/actors/{identifier}/followers",
  following: "/actors/{identifier}/following",
  featured: "/actors/{identifier}/featured",
  announcement: "/announcements/{id}",
  nodeinfo: "/nodeinfo/2.1",
} as const;
