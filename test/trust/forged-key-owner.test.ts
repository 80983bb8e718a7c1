import "temporal-polyfill/global";
import { signObject } from "@fedify/fedify";
import { Create, Note } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { addFollower, listFollowers } from "../../src/domain/followers/followers.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { forgedMultikey, forgedRsaKey, hostileServer, type HostileServer } from "../helpers/hostile-server.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { fingerprint, signedRequest, signerOf } from "../helpers/signed-post.ts";

// A receives. B is a real instance: the victim, whose actor the hostile server speaks for with a
// key document of its own that names B's actor as its `owner` (or `controller`).
describe("a key that only claims an owner", { timeout: 90_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let atk: HostileServer;
  let victim: string;
  let announcementUrl: string;
  let rsa: Awaited<ReturnType<typeof forgedRsaKey>>;

  beforeAll(async () => {
    a = await startInstance({ handle: "alpha" });
    b = await startInstance({ handle: "beta" });
    atk = await hostileServer();
    victim = `${b.origin}/actors/beta`;
    rsa = await forgedRsaKey(`${atk.origin}/key`, victim);
    atk.serve("/key", rsa.doc);
    await addFollower(a.services.database.db, {
      actorUri: victim,
      followId: `${victim}#follows/1`,
      inbox: `${b.origin}/actors/beta/inbox`,
      sharedInbox: `${b.origin}/inbox`,
      handle: `@beta@${b.origin.slice(7)}`,
      name: "Provider beta",
      url: victim,
    });
    const created = await createAnnouncement(
      a.services.database.db,
      { content: "Hello", language: "en" },
      (t) => tagUrl(a!.origin, t).href,
    );
    if (!created.ok) throw new Error("announcement");
    announcementUrl = `${a.origin}/announcements/${created.value.id}`;
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 20_000, "an idle queue");
  });
  afterAll(async () => {
    await atk?.close();
    await stopAll(a, b);
  });

  const state = () => fingerprint(a!.services.database, ["kv_entries"]);
  const forged = (doc: Record<string, unknown>) =>
    signedRequest(`${a!.origin}/inbox`, JSON.stringify(doc), {
      keyId: new URL(`${atk.origin}/key`),
      privateKey: rsa.pair.privateKey,
    });

  async function expectRefused(request: Request): Promise<string> {
    const before = await state();
    const response = await fetch(request);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 20_000, "an idle queue");
    expect(await state()).toEqual(before);
    return body.error.message;
  }

  it("refuses a Follow signed in the victim's name", async () => {
    const message = await expectRefused(
      await forged({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${atk.origin}/follows/1`,
        type: "Follow",
        actor: victim,
        object: `${a!.origin}/actors/alpha`,
      }),
    );
    expect(message).toContain(`${atk.origin}/key is not one that ${victim} lists`);
    // The victim's server was asked only for its own actor document; the hostile one only for its key.
    expect(atk.hits.map((h) => h.url)).toEqual(["/key"]);
  });

  it("refuses a Delete of the victim's actor", async () => {
    await expectRefused(
      await forged({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${atk.origin}/deletes/1`,
        type: "Delete",
        actor: victim,
        object: victim,
      }),
    );
    const followers = await listFollowers(a!.services.database.db, { limit: 10 });
    expect(followers.map((f) => f.actorUri)).toEqual([victim]);
  });

  it("refuses a Create of a reply attributed to the victim", async () => {
    await expectRefused(
      await forged({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${atk.origin}/creates/1`,
        type: "Create",
        actor: victim,
        object: {
          id: `${atk.origin}/notes/1`,
          type: "Note",
          attributedTo: victim,
          inReplyTo: announcementUrl,
          content: "<p>words put in the victim's mouth</p>",
        },
      }),
    );
  });

  it("refuses an integrity proof made with a Multikey that only claims the victim as controller", async () => {
    const multikey = await forgedMultikey(`${atk.origin}/multikey`, victim);
    atk.serve("/multikey", multikey.doc);
    const create = new Create({
      id: new URL(`${atk.origin}/creates/2`),
      actor: new URL(victim),
      object: new Note({
        id: new URL(`${atk.origin}/notes/2`),
        attribution: new URL(victim),
        replyTarget: new URL(announcementUrl),
        content: "<p>proven by nobody</p>",
      }),
    });
    const proven = await signObject(create, multikey.pair.privateKey, new URL(`${atk.origin}/multikey`));
    const body = JSON.stringify(await proven.toJsonLd({ format: "compact" }));
    const message = await expectRefused(
      new Request(`${a!.origin}/inbox`, {
        method: "POST",
        headers: { "Content-Type": "application/activity+json" },
        body,
      }),
    );
    expect(message).toContain(victim);
  });

  it("still takes a Like signed with the key the actor's own document lists", async () => {
    const signer = await signerOf(b!, "beta");
    const response = await fetch(
      await signedRequest(
        `${a!.origin}/inbox`,
        JSON.stringify({
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${victim}#likes/1`,
          type: "Like",
          actor: victim,
          object: announcementUrl,
        }),
        signer,
      ),
    );
    expect(response.status).toBe(202);
  });
});
