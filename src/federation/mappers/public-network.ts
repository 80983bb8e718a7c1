// The public face of a network as JSON-LD: what any member serves at /networks/{key} and lists at
// /networks to anyone who asks, signed or not. Only public material: the name, the purpose, the charter,
// the founder and the members. Never motions, ballots or answers.
import { renderMarkdown } from "../../domain/markdown.ts";
import type { Charter } from "../../domain/networks/charter.ts";
import type { NetworkView } from "../../domain/networks/operations.ts";
import { NAMESPACE } from "../vocab/context.ts";

/** The terms of a public network document, inline like the profile's (no context document to fetch). */
export const publicNetworkContext = {
  ch: NAMESPACE,
  Network: "ch:Network",
  key: "ch:networkKey",
  founder: { "@id": "ch:founder", "@type": "@id" },
  members: { "@id": "ch:members", "@type": "@id" },
  charter: {
    "@id": "ch:charter",
    "@context": {
      version: "ch:charterVersion",
      digest: "ch:digest",
      purpose: "ch:purpose",
      questions: { "@id": "ch:question", "@container": "@list" },
      // Rules are kept as the JSON the members compute with.
      rules: { "@id": "ch:rules", "@type": "@json" },
      pauseAfterMissed: "ch:pauseAfterMissed",
    },
  },
} as const;

const CONTEXT = ["https://www.w3.org/ns/activitystreams", publicNetworkContext] as const;

/** Where this instance serves a network's public page and member list (not its id: that is on the founder's origin). */
export const networkPageUrl = (origin: string, key: string) => new URL(`/networks/${key}`, origin).href;
export const networkMembersUrl = (origin: string, key: string) => `${networkPageUrl(origin, key)}/members`;
export const networkListUrl = (origin: string) => new URL("/networks", origin).href;

const charterJson = (c: Charter) => ({
  version: c.version,
  digest: c.digest,
  purpose: c.purpose,
  questions: [...c.questions],
  rules: c.rules,
  pauseAfterMissed: c.pauseAfterMissed,
});

/** Members still in the network (paused and suspended ones included), as the public sees them. */
export const currentMembers = (n: NetworkView): string[] =>
  n.members.filter((m) => m.state === "member" || m.state === "paused" || m.state === "suspended").map((m) => m.actor);

/** One network, as an item of /networks and as the body of /networks/{key} (with @context). */
function networkItem(n: NetworkView, origin: string, founder: string | undefined) {
  return {
    id: n.id,
    type: "Network",
    key: n.key,
    name: n.name,
    summary: renderMarkdown(n.charter.purpose),
    url: networkPageUrl(origin, n.key),
    ...(founder ? { founder } : {}),
    charter: charterJson(n.charter),
    members: networkMembersUrl(origin, n.key),
  };
}

export const publicNetworkDocument = (n: NetworkView, origin: string, founder: string | undefined) => ({
  "@context": CONTEXT,
  ...networkItem(n, origin, founder),
});

export const publicMembersDocument = (n: NetworkView, origin: string) => {
  const members = currentMembers(n);
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: networkMembersUrl(origin, n.key),
    type: "OrderedCollection",
    totalItems: members.length,
    orderedItems: members,
  };
};

export const publicNetworkListDocument = (networks: readonly NetworkView[], origin: string) => ({
  "@context": CONTEXT,
  id: networkListUrl(origin),
  type: "OrderedCollection",
  totalItems: networks.length,
  orderedItems: networks.map((n) => {
    const { summary: _summary, founder: _founder, ...item } = networkItem(n, origin, undefined);
    return item;
  }),
});
