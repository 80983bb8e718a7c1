import { describe, expect, it } from "vitest";
import { AS_PUBLIC, isPublic, roleOnFollow, relayOf } from "../../src/domain/groups/rules.ts";

const group = "https://b.example/actors/infra";

describe("working groups' rules", () => {
  it("makes a network member a member at once, anyone else an applicant", () => {
    expect(roleOnFollow(true)).toBe("member");
    expect(roleOnFollow(false)).toBe("applicant");
  });

  it("recognises the public collection in its three spellings", () => {
    expect(isPublic([AS_PUBLIC])).toBe(true);
    expect(isPublic(["as:Public"])).toBe(true);
    expect(isPublic(["https://a.example/actors/alpha/followers"])).toBe(false);
  });

  it("relays a member's post addressed to the group, to followers when public and to members when not", () => {
    const addressees = [AS_PUBLIC, group];
    expect(relayOf({ addressees, groupUri: group, authorRole: "member" })).toBe("followers");
    expect(relayOf({ addressees, groupUri: group, authorRole: "applicant" })).toBe("none");
    expect(relayOf({ addressees, groupUri: group, authorRole: undefined })).toBe("none");
    expect(relayOf({ addressees: [group], groupUri: group, authorRole: "member" })).toBe("members");
    expect(relayOf({ addressees: [group], groupUri: group, authorRole: "applicant" })).toBe("none");
    expect(relayOf({ addressees: [AS_PUBLIC], groupUri: group, authorRole: "member" })).toBe("none");
  });
});
