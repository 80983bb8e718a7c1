// What the domain makes of posts, edits, deletions and inquiries from other servers, without HTTP
// or Fedify: the inbox handlers only map activities to these calls.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  directoryProviders,
  feedItems,
  followers,
  following,
  interactions,
  queueMessages,
} from "../../src/db/schema/index.ts";
import { createAnnouncement, deleteAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { receiveNote, receiveNoteDeletion, receiveNoteEdit } from "../../src/domain/announcements/incoming.ts";
import { receiveRelayedInquiry } from "../../src/domain/directory/incoming.ts";
import { listInquiries } from "../../src/domain/directory/inquiries.ts";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { addFollower } from "../../src/domain/followers/followers.ts";
import { requestFollow, settleFollow } from "../../src/domain/following/following.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { setupProvider } from "../../src/domain/provider/provider.ts";
import { receiveActorDeletion, receiveActorUpdate } from "../../src/domain/remote-actors/incoming.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const db = () => database().db;

beforeAll(async () => {
  expect((await setupProvider(db(), { handle: "home", name: "Home" })).ok).toBe(true);
});

const actor = (slug: string) => `https://${slug}.example/users/${slug}`;

const post = (slug: string, n = 1) => ({
  remoteId: `${actor(slug)}/notes/${n}`,
  actorUri: actor(slug),
  html: `<p>Post ${n} by ${slug}</p>`,
  url: null,
  language: null,
  publishedAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: null,
});

/** An account we follow; accepted unless told otherwise. */
async function follow(slug: string, accepted = true) {
  const followId = `https://home.example/actors/home#follows/${slug}`;
  await requestFollow(
    db(),
    { actorUri: actor(slug), inbox: `${actor(slug)}/inbox`, sharedInbox: null, handle: null, name: slug },
    followId,
  );
  if (accepted) expect(await settleFollow(db(), actor(slug), followId, true)).toBe(true);
}

async function announcement(): Promise<string> {
  const created = await createAnnouncement(
    db(),
    { content: "Hosting news" },
    (tag) => `https://home.example/tags/${tag}`,
  );
  if (!created.ok) throw new Error("announcement not created");
  return created.value.id;
}

const feedOf = async (actorUri: string) => db().select().from(feedItems).where(eq(feedItems.actorUri, actorUri));
const interactionsOf = async (actorUri: string) =>
  db().select().from(interactions).where(eq(interactions.actorUri, actorUri));
const eventsAbout = async (actorUri: string) =>
  (await db().select({ payload: queueMessages.payload }).from(queueMessages))
    .map((r) => r.payload as Record<string, unknown>)
    .filter((p) => p.actorUri === actorUri);

const noNames = async () => ({ handle: null, name: null });
const named = (handle: string) => {
  const calls: string[] = [];
  const names = async () => {
    calls.push(handle);
    return { handle, name: "Named" };
  };
  return { calls, names };
};

describe("receiveNote", () => {
  it("keeps a post from an account we follow in the feed, and nothing for the operators", async () => {
    await follow("fa");
    const author = named("@fa@fa.example");
    const outcome = await receiveNote(db(), { ...post("fa"), replyToAnnouncement: null, mentions: [] }, author.names);
    expect(outcome).toEqual({ inFeed: true, interaction: null });
    expect((await feedOf(actor("fa"))).map((f) => f.remoteId)).toEqual([`${actor("fa")}/notes/1`]);
    expect(author.calls).toEqual([]);
  });

  it("does not keep posts of an account whose follow is still pending, nor of a stranger", async () => {
    await follow("pe", false);
    expect(await receiveNote(db(), { ...post("pe"), replyToAnnouncement: null, mentions: [] }, noNames)).toEqual({
      inFeed: false,
      interaction: null,
    });
    expect(await receiveNote(db(), { ...post("st"), replyToAnnouncement: null, mentions: [] }, noNames)).toEqual({
      inFeed: false,
      interaction: null,
    });
    expect(await feedOf(actor("pe"))).toEqual([]);
    expect(await feedOf(actor("st"))).toEqual([]);
  });

  it("keeps a reply to a live announcement for the operators, with its author's names", async () => {
    const id = await announcement();
    const author = named("@re@re.example");
    const outcome = await receiveNote(db(), { ...post("re"), replyToAnnouncement: id, mentions: [] }, author.names);
    expect(outcome).toEqual({ inFeed: false, interaction: "reply" });
    expect(await interactionsOf(actor("re"))).toMatchObject([
      { kind: "reply", announcementId: id, actorHandle: "@re@re.example", actorName: "Named" },
    ]);
    expect(author.calls).toEqual(["@re@re.example"]);
  });

  it("does not keep a reply to a deleted announcement", async () => {
    const id = await announcement();
    expect((await deleteAnnouncement(db(), id)).ok).toBe(true);
    const outcome = await receiveNote(db(), { ...post("dr"), replyToAnnouncement: id, mentions: [] }, noNames);
    expect(outcome.interaction).toBeNull();
    expect(await interactionsOf(actor("dr"))).toEqual([]);
  });

  it("keeps a mention of the provider, and not a mention of anyone else", async () => {
    expect(
      (await receiveNote(db(), { ...post("mh"), replyToAnnouncement: null, mentions: ["home"] }, noNames)).interaction,
    ).toBe("mention");
    expect(
      (await receiveNote(db(), { ...post("mo"), replyToAnnouncement: null, mentions: ["other"] }, noNames)).interaction,
    ).toBeNull();
    expect((await interactionsOf(actor("mh"))).map((i) => i.kind)).toEqual(["mention"]);
    expect(await interactionsOf(actor("mo"))).toEqual([]);
  });
});

describe("receiveNoteEdit and receiveNoteDeletion", () => {
  it("an edit changes the reply and the feed post; a deletion removes both", async () => {
    await follow("ed");
    const id = await announcement();
    await receiveNote(db(), { ...post("ed"), replyToAnnouncement: id, mentions: [] }, noNames);
    await receiveNoteEdit(db(), { ...post("ed"), html: "<p>Edited</p>", updatedAt: new Date("2026-01-02T00:00:00Z") });
    expect((await interactionsOf(actor("ed")))[0]?.html).toBe("<p>Edited</p>");
    expect((await feedOf(actor("ed")))[0]?.html).toBe("<p>Edited</p>");
    await receiveNoteDeletion(db(), post("ed").remoteId, actor("ed"));
    expect(await interactionsOf(actor("ed"))).toEqual([]);
    expect(await feedOf(actor("ed"))).toEqual([]);
  });

  it("only the author's deletion counts", async () => {
    const id = await announcement();
    await receiveNote(db(), { ...post("au"), replyToAnnouncement: id, mentions: [] }, noNames);
    await receiveNoteDeletion(db(), post("au").remoteId, actor("intruder"));
    expect(await interactionsOf(actor("au"))).toHaveLength(1);
  });
});

describe("receiveActorUpdate", () => {
  const changes = (slug: string) => ({
    actorUri: actor(slug),
    inbox: `https://moved.example/${slug}/inbox`,
    sharedInbox: "https://moved.example/inbox",
    handle: `@${slug}@moved.example`,
    name: `${slug} renamed`,
    url: `https://moved.example/@${slug}`,
  });

  it("keeps a follower's new name and inboxes, and asks for no fetch", async () => {
    await addFollower(db(), {
      actorUri: actor("fo"),
      followId: null,
      inbox: `${actor("fo")}/inbox`,
      sharedInbox: null,
      handle: null,
      name: "fo",
      url: null,
    });
    expect(await receiveActorUpdate(db(), changes("fo"))).toEqual({ refetch: false });
    const [row] = await db()
      .select()
      .from(followers)
      .where(eq(followers.actorUri, actor("fo")));
    expect(row).toMatchObject({
      inbox: "https://moved.example/fo/inbox",
      name: "fo renamed",
      url: "https://moved.example/@fo",
    });
    expect(await eventsAbout(actor("fo"))).toEqual([]);
  });

  it("asks, in the same transaction, for a peer we follow to be fetched again", async () => {
    await follow("pa");
    expect(await receiveActorUpdate(db(), changes("pa"))).toEqual({ refetch: true });
    const [row] = await db()
      .select()
      .from(following)
      .where(eq(following.actorUri, actor("pa")));
    expect(row?.name).toBe("pa renamed");
    expect((await eventsAbout(actor("pa"))).filter((e) => e.commonhost === "replica.changed")).toEqual([
      { commonhost: "replica.changed", actorUri: actor("pa"), depth: 1 },
    ]);
  });

  it("asks for a replicated provider to be fetched again at its depth, and not for a pending follow", async () => {
    await applyReplica(db(), {
      actorUri: actor("rp"),
      handle: null,
      name: "Replica",
      url: null,
      profile: profileSchema.parse({}),
      depth: 2,
    });
    expect(await receiveActorUpdate(db(), changes("rp"))).toEqual({ refetch: true });
    expect(await eventsAbout(actor("rp"))).toEqual([
      { commonhost: "replica.changed", actorUri: actor("rp"), depth: 2 },
    ]);
    await follow("pp", false);
    expect(await receiveActorUpdate(db(), changes("pp"))).toEqual({ refetch: false });
    expect((await eventsAbout(actor("pp"))).filter((e) => e.commonhost === "replica.changed")).toEqual([]);
  });
});

describe("receiveActorDeletion", () => {
  it("an account deleted everywhere stops following, its reactions go, and it leaves the directory", async () => {
    const id = await announcement();
    await addFollower(db(), {
      actorUri: actor("gone"),
      followId: null,
      inbox: `${actor("gone")}/inbox`,
      sharedInbox: null,
      handle: null,
      name: null,
      url: null,
    });
    await receiveNote(db(), { ...post("gone"), replyToAnnouncement: id, mentions: [] }, noNames);
    await applyReplica(db(), {
      actorUri: actor("gone"),
      handle: null,
      name: "Gone",
      url: null,
      profile: profileSchema.parse({}),
    });
    await receiveActorDeletion(db(), actor("gone"));
    expect(
      await db()
        .select()
        .from(followers)
        .where(eq(followers.actorUri, actor("gone"))),
    ).toEqual([]);
    expect(await interactionsOf(actor("gone"))).toEqual([]);
    expect(
      await db()
        .select()
        .from(directoryProviders)
        .where(eq(directoryProviders.actorUri, actor("gone"))),
    ).toEqual([]);
  });
});

describe("receiveRelayedInquiry", () => {
  const inquiry = (slug: string, addressedTo: string[], isPublic: boolean) => ({
    activityId: `${actor(slug)}#inquiries/1`,
    peerActorUri: actor(slug),
    addressedTo,
    public: isPublic,
    senderName: "Someone",
    senderEmail: "someone@example.net",
    message: "Do you host a small archive?",
  });
  const received = async (slug: string) =>
    (await listInquiries(db(), { limit: 500 })).filter((i) => i.peerActorUri === actor(slug));

  it("keeps an inquiry sent to the provider alone", async () => {
    expect(await receiveRelayedInquiry(db(), inquiry("iq", ["home"], false))).toEqual({
      ok: true,
      value: { stored: true },
    });
    expect((await received("iq")).map((i) => i.message)).toEqual(["Do you host a small archive?"]);
  });

  it("refuses an inquiry addressed to the public, or not to the provider", async () => {
    const open = await receiveRelayedInquiry(db(), inquiry("ip", ["home"], true));
    const elsewhere = await receiveRelayedInquiry(db(), inquiry("iw", ["other"], false));
    expect(open.ok || open.error.code).toBe("forbidden");
    expect(elsewhere.ok || elsewhere.error.code).toBe("forbidden");
    expect(await received("ip")).toEqual([]);
    expect(await received("iw")).toEqual([]);
  });
});
