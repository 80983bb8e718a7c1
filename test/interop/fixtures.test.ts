import "temporal-polyfill/global";
import {
  Create,
  Follow,
  isActor,
  Like,
  Mention,
  Note,
  Object as APObject,
  Organization,
  Person,
  PropertyValue,
  Undo,
} from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { actorHandle, actorName } from "../../src/federation/inbox/actor-info.ts";
import { fixture } from "../helpers/fixtures.ts";

describe("remote actor fixtures parse with the fields we use", () => {
  it.each([
    [
      "mastodon-actor.json",
      Person,
      "https://mastodon.example/users/alice",
      "@alice@mastodon.example",
      "Alice Organiser 🌱",
      "https://mastodon.example/inbox",
      "https://mastodon.example/users/alice#main-key",
      2,
    ],
    [
      "gotosocial-actor.json",
      Organization,
      "https://gts.example/users/collective",
      "@collective@gts.example",
      "Radical Tech Collective",
      "https://gts.example/sharedInbox",
      "https://gts.example/users/collective/main-key",
      2,
    ],
  ] as const)("%s", async (file, cls, id, handle, name, sharedInbox, keyId, fields) => {
    const actor = await cls.fromJsonLd(fixture(file));
    expect(isActor(actor)).toBe(true);
    expect(actor.id?.href).toBe(id);
    expect(actor.inboxId?.href).toBe(`${id}/inbox`);
    expect(actor.endpoints?.sharedInbox?.href).toBe(sharedInbox);
    expect(actor.preferredUsername?.toString()).toBe(handle.split("@")[1]);
    expect(actorHandle(actor)).toBe(handle);
    expect(actorName(actor)).toBe(name);
    expect(actor.featuredId?.href).toBe(`${id}/collections/featured`);
    const key = await actor.getPublicKey();
    expect(key?.id?.href).toBe(keyId);
    expect(key?.ownerId?.href).toBe(id);
    expect(key?.publicKey?.algorithm.name).toBe("RSASSA-PKCS1-v1_5");
    const attachments = [];
    for await (const a of actor.getAttachments()) attachments.push(a);
    expect(attachments).toHaveLength(fields);
    expect(attachments.every((a) => a instanceof PropertyValue)).toBe(true);
    // A generic parse (as the inbox does when it looks an actor up) finds the same class.
    expect(await APObject.fromJsonLd(fixture(file))).toBeInstanceOf(cls);
  });
});

describe("Mastodon activity fixtures parse", () => {
  it("Follow and Undo(Follow)", async () => {
    const follow = await Follow.fromJsonLd(fixture("mastodon-follow.json"));
    expect(follow.actorId?.href).toBe("https://mastodon.example/users/alice");
    expect(follow.objectId?.href).toBe("https://hosting.example/actors/provider");
    const undo = await Undo.fromJsonLd(fixture("mastodon-undo-follow.json"));
    const undone = await undo.getObject();
    expect(undone).toBeInstanceOf(Follow);
    expect(undone?.id?.href).toBe(follow.id?.href);
  });

  it("Create(Note) replying with a mention", async () => {
    const create = await Create.fromJsonLd(fixture("mastodon-create-note-reply.json"));
    const note = await create.getObject();
    expect(note).toBeInstanceOf(Note);
    if (!(note instanceof Note)) return;
    expect(note.replyTargetId?.href).toBe("https://hosting.example/announcements/0193a0c2-7e1f-7b3c-9a41-5d2f0e8c6b10");
    expect(note.attributionId?.href).toBe(create.actorId?.href);
    const tags = [];
    for await (const t of note.getTags()) tags.push(t);
    expect(tags[0]).toBeInstanceOf(Mention);
    expect((tags[0] as Mention).href?.href).toBe("https://hosting.example/actors/provider");
    expect(note.content?.toString()).toContain("heads-up");
  });

  it("Like", async () => {
    const like = await Like.fromJsonLd(fixture("mastodon-like.json"));
    expect(like.objectId?.href).toBe("https://hosting.example/announcements/0193a0c2-7e1f-7b3c-9a41-5d2f0e8c6b10");
  });
});
