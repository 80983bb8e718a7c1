// What a change of membership means outside the network: whom the directory makes a peer, whose
// mark it writes again, and what this provider's followers are told.
import { describe, expect, it } from "vitest";
import { consequencesOf, type HeldNetwork } from "../../src/domain/directory/network-members.ts";

const OWN = "https://own.example/actors/own";
const A = "https://a.example/actors/a";
const B = "https://b.example/actors/b";
const C = "https://c.example/actors/c";

const network = (status: HeldNetwork["status"], members: HeldNetwork["members"]): HeldNetwork => ({
  status,
  members,
});
const withUs = network("member", [
  { actor: OWN, state: "member" },
  { actor: A, state: "member" },
  { actor: B, state: "paused" },
  { actor: C, state: "suspended" },
]);

describe("consequences of a change of membership", () => {
  it("makes a newly admitted peer a directory peer, without news for followers", () => {
    expect(consequencesOf(OWN, { member: A, from: "none", to: "member" }, withUs)).toEqual({
      mark: [A],
      peers: [A],
      notice: null,
    });
  });

  it("on our own admission, makes every current member a peer (paused ones too) and tells followers", () => {
    expect(consequencesOf(OWN, { member: OWN, from: "none", to: "member" }, withUs)).toEqual({
      mark: [OWN, A, B, C],
      peers: [A, B],
      notice: "joined",
    });
  });

  it("tells followers of leaving and of an expulsion, and makes no peer then", () => {
    const left = network("left", withUs.members);
    expect(consequencesOf(OWN, { member: OWN, from: "member", to: "left" }, left)).toEqual({
      mark: [OWN, A, B, C],
      peers: [],
      notice: "left",
    });
    const expelled = network("expelled", withUs.members);
    expect(consequencesOf(OWN, { member: OWN, from: "suspended", to: "expelled" }, expelled).notice).toBe("expelled");
  });

  it("says nothing of a suspension or its end, and takes nothing away from a departing peer", () => {
    expect(consequencesOf(OWN, { member: OWN, from: "member", to: "suspended" }, withUs).notice).toBeNull();
    expect(consequencesOf(OWN, { member: OWN, from: "suspended", to: "member" }, withUs).notice).toBeNull();
    // Joining again after leaving is news.
    expect(consequencesOf(OWN, { member: OWN, from: "left", to: "member" }, withUs).notice).toBe("joined");
    expect(consequencesOf(OWN, { member: A, from: "member", to: "expelled" }, withUs)).toEqual({
      mark: [A],
      peers: [],
      notice: null,
    });
  });

  it("makes no peer from a network this instance is no longer a member of", () => {
    const left = network("left", withUs.members);
    expect(consequencesOf(OWN, { member: A, from: "none", to: "member" }, left).peers).toEqual([]);
  });
});
