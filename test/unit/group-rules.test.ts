import { describe, expect, it } from "vitest";
import { AS_PUBLIC, isPublic, roleOnFollow, shouldRelay } from "../../src/domain/groups/rules.ts";

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

  it("relays a member's public post addressed to the group, and nothing else", () => {
    const addressees = [AS_PUBLIC, group];
    expect(shouldRelay({ addressees, groupUri: group, authorRole: "member" })).toBe(true);
    expect(shouldRelay({ addressees, groupUri: group, authorRole: "applicant" })).toBe(false);
    expect(shouldRelay({ addressees, groupUri: group, authorRole: undefined })).toBe(false);
    expect(shouldRelay({ addressees: [group], groupUri: group, authorRole: "member" })).toBe(false);
    expect(shouldRelay({ addressees: [AS_PUBLIC], groupUri: group, authorRole: "member" })).toBe(false);
  });
});
