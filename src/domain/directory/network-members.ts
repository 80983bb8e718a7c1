// The directory follows membership: every member of a network this instance is in becomes a peer
// (followed and replicated, so its profile stays fresh through its Updates and the refresh cycle), and
// the directory's member marks follow the records. Leaving or being expelled takes no replica away:
// what the directory knows stays; only the mark goes.
import type { Db } from "../../db/client.ts";
import { recordEvent } from "../events.ts";
import type { NetworkStatus } from "../networks/operations.ts";
import type { MemberStatus } from "../networks/record-model.ts";
import { markMembers, repairMemberMarks, type DirectoryMembership } from "./membership.ts";

export type MembershipChange = {
  readonly member: string;
  readonly from: MemberStatus | "none";
  readonly to: MemberStatus;
};

/** The network as this instance holds it when the change is handled. */
export type HeldNetwork = {
  readonly status: NetworkStatus;
  readonly members: readonly { readonly actor: string; readonly state: MemberStatus | "paused" }[];
};

/** What this provider's followers are told of a change of its own membership. */
export type MembershipNotice = "joined" | "left" | "expelled";

export type Consequences = {
  /** Providers whose member mark is written again (and their networks read again by the search). */
  readonly mark: readonly string[];
  /** Providers to have as peers. */
  readonly peers: readonly string[];
  readonly notice: MembershipNotice | null;
};

const current = (state: MemberStatus | "paused") => state === "member" || state === "paused";

/** What a change of membership means outside the network; `own` is this instance's provider. */
export function consequencesOf(own: string, change: MembershipChange, network: HeldNetwork): Consequences {
  const ours = change.member === own;
  const everyone = network.members.map((m) => m.actor);
  const mark = ours ? [...new Set([own, ...everyone])] : [change.member];
  // Peers are made only while this instance is itself a member: a record it no longer follows may be stale.
  const inIt = network.status === "member" && change.to === "member";
  const peers = !inIt
    ? []
    : ours
      ? network.members.filter((m) => current(m.state) && m.actor !== own).map((m) => m.actor)
      : [change.member];
  return { mark, peers, notice: ours ? noticeOf(change) : null };
}

function noticeOf(change: MembershipChange): MembershipNotice | null {
  if (change.to === "left") return "left";
  if (change.to === "expelled") return "expelled";
  // A suspension ending is no news to the fediverse; joining (again) is.
  if (change.to === "member" && change.from !== "suspended" && change.from !== "member") return "joined";
  return null;
}

/**
 * Applies a change of membership to the directory: marks, and one `peer.wanted` event per provider
 * to have as a peer (each followed and retried on its own). Returns what followers are to be told.
 */
export async function followMembership(
  db: Db,
  membership: DirectoryMembership,
  own: string,
  change: MembershipChange,
  network: HeldNetwork,
): Promise<Consequences> {
  const consequences = consequencesOf(own, change, network);
  const memberships = await membership.memberships();
  // This instance's own change may turn every mark (null while it is in no network, false after).
  if (change.member === own) await repairMemberMarks(db, memberships);
  await markMembers(db, memberships, consequences.mark);
  if (consequences.peers.length > 0)
    await db.transaction(async (tx) => {
      for (const actorUri of consequences.peers) await recordEvent(tx, { commonhost: "peer.wanted", actorUri });
    });
  return consequences;
}
