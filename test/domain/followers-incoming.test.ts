// What the domain decides when someone follows a local actor, without HTTP or Fedify: the address
// check is a fake port.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { followers, queueMessages } from "../../src/db/schema/index.ts";
import type { AddressCheck } from "../../src/domain/actors/addresses.ts";
import { receiveFollow, receiveUnfollow } from "../../src/domain/followers/incoming.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();

beforeAll(async () => {
  const result = await setupProvider(database().db, { handle: "home", name: "Home" });
  expect(result.ok).toBe(true);
});

/** An address check that calls every host public except those listed, and notes what it was asked. */
function addresses(privateHosts: string[], allowPrivateAddress = false) {
  const asked: string[] = [];
  const check: AddressCheck = {
    allowPrivateAddress,
    async isPublic(url) {
      asked.push(url);
      return !privateHosts.includes(new URL(url).host);
    },
  };
  return { check, asked };
}

const request = (slug: string, identifier = "home", sharedInbox: string | null = null) => ({
  identifier,
  followId: `https://${slug}.example/follows/1`,
  follower: {
    actorUri: `https://${slug}.example/users/${slug}`,
    inbox: `https://${slug}.example/users/${slug}/inbox`,
    sharedInbox,
    handle: `@${slug}@${slug}.example`,
    name: slug,
    url: null,
  },
});

const followerRow = async (actorUri: string) =>
  (await database().db.select().from(followers).where(eq(followers.actorUri, actorUri)))[0];

const eventsAbout = async (actorUri: string) =>
  (await database().db.select({ payload: queueMessages.payload }).from(queueMessages))
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.actorUri === actorUri);

describe("receiveFollow", () => {
  it("accepts a follower of the provider at once and records the Accept to send", async () => {
    const { check } = addresses([]);
    expect(await receiveFollow(database().db, request("ana"), check)).toBe("accepted");
    expect(await followerRow("https://ana.example/users/ana")).toMatchObject({
      followId: "https://ana.example/follows/1",
      inbox: "https://ana.example/users/ana/inbox",
      handle: "@ana@ana.example",
    });
    expect(await eventsAbout("https://ana.example/users/ana")).toEqual([
      {
        commonhost: "follower.accepted",
        identifier: "home",
        actorUri: "https://ana.example/users/ana",
        followId: "https://ana.example/follows/1",
      },
    ]);
  });

  it("ignores a follow of an actor this instance does not have", async () => {
    const { check } = addresses([]);
    expect(await receiveFollow(database().db, request("bo", "someone-else"), check)).toBe("unknown-actor");
    expect(await followerRow("https://bo.example/users/bo")).toBeUndefined();
    expect(await eventsAbout("https://bo.example/users/bo")).toEqual([]);
  });

  it("refuses a follower whose inbox is on a private address: nothing stored, nothing to send", async () => {
    const { check } = addresses(["cy.example"]);
    expect(await receiveFollow(database().db, request("cy"), check)).toBe("refused-private-address");
    expect(await followerRow("https://cy.example/users/cy")).toBeUndefined();
    expect(await eventsAbout("https://cy.example/users/cy")).toEqual([]);
  });

  it("refuses a follower whose shared inbox alone is on a private address", async () => {
    const { check, asked } = addresses(["10.0.0.1"]);
    const outcome = await receiveFollow(database().db, request("di", "home", "http://10.0.0.1/inbox"), check);
    expect(outcome).toBe("refused-private-address");
    expect(asked).toContain("http://10.0.0.1/inbox");
    expect(await followerRow("https://di.example/users/di")).toBeUndefined();
  });

  it("accepts a follower on a private address where private addresses are allowed, without asking", async () => {
    const { check, asked } = addresses(["ed.example"], true);
    expect(await receiveFollow(database().db, request("ed"), check)).toBe("accepted");
    expect(asked).toEqual([]);
    expect(await followerRow("https://ed.example/users/ed")).toBeDefined();
  });

  it("a follower that follows again keeps one row, with the new Follow id", async () => {
    const { check } = addresses([]);
    await receiveFollow(database().db, request("fy"), check);
    const again = { ...request("fy"), followId: "https://fy.example/follows/2" };
    expect(await receiveFollow(database().db, again, check)).toBe("accepted");
    const rows = await database()
      .db.select()
      .from(followers)
      .where(eq(followers.actorUri, "https://fy.example/users/fy"));
    expect(rows.map((r) => r.followId)).toEqual(["https://fy.example/follows/2"]);
    expect((await eventsAbout("https://fy.example/users/fy")).map((e) => e.followId)).toEqual([
      "https://fy.example/follows/1",
      "https://fy.example/follows/2",
    ]);
  });
});

describe("receiveUnfollow", () => {
  it("removes the follower, even when the Undo names a Follow id we never saw", async () => {
    const { check } = addresses([]);
    await receiveFollow(database().db, request("gu"), check);
    expect(
      await receiveUnfollow(database().db, "https://gu.example/users/gu", "https://gu.example/follows/other"),
    ).toBe(true);
    expect(await followerRow("https://gu.example/users/gu")).toBeUndefined();
  });
});
