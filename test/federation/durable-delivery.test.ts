import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { addFollower, listFollowers } from "../../src/domain/followers/followers.ts";
import { findFollowed, listFeed } from "../../src/domain/following/following.ts";
import { followRemote } from "../../src/federation/follow-remote.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { recordingServer, type RecordingServer } from "../helpers/recording-server.ts";

const quickRetries = { DELIVERY_RETRY_INITIAL_MS: "200" };

describe("durable delivery", { timeout: 120_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let gone: RecordingServer | undefined;
  afterEach(async () => {
    await stopAll(a, b);
    await gone?.close();
    gone = undefined;
  });

  it("delivers to a peer that was down once it is back", async () => {
    a = await startInstance({ handle: "alpha", env: quickRetries });
    b = await startInstance({ handle: "beta" });
    expect((await followRemote(b.federation, b.services, `${a.origin}/actors/alpha`)).ok).toBe(true);
    await eventually(
      async () => (await findFollowed(b!.services.database.db, `${a!.origin}/actors/alpha`))?.state === "accepted",
      15_000,
      "the follow",
    );

    const posting = a;
    b = await b.restart(async () => {
      const created = await createAnnouncement(
        posting.services.database.db,
        { content: "Posted while you were away" },
        (t) => tagUrl(posting.origin, t).href,
      );
      expect(created.ok).toBe(true);
      // The first try failed and a retry waits on the queue.
      await eventually(
        async () => (await posting.services.queue.getDepth()).delayed > 0,
        15_000,
        "a delivery retry to be queued",
      );
    });
    const item = await eventually(
      async () => (await listFeed(b!.services.database.db, { limit: 5 }))[0],
      30_000,
      "B to receive the announcement",
    );
    expect(item.html).toContain("Posted while you were away");
  });

  it("drops a follower whose inbox answers 410 Gone", async () => {
    a = await startInstance({ handle: "alpha", env: quickRetries });
    // One follower's inbox is gone for good; the other's, on the same host, answers 202.
    gone = await recordingServer(202, (req) =>
      req.url === "/users/left/inbox" ? { status: 410, body: "" } : undefined,
    );
    const db = a.services.database.db;
    await addFollower(db, {
      actorUri: `${gone.origin}/users/left`,
      followId: null,
      inbox: `${gone.origin}/users/left/inbox`,
      sharedInbox: null,
      handle: "@left@gone",
      name: null,
      url: null,
    });
    await addFollower(db, {
      actorUri: `${gone.origin}/users/stays`,
      followId: null,
      inbox: `${gone.origin}/users/stays/inbox`,
      sharedInbox: null,
      handle: "@stays@gone",
      name: null,
      url: null,
    });
    expect(await listFollowers(db, { limit: 10 })).toHaveLength(2);
    await createAnnouncement(db, { content: "Anyone there?" }, (t) => tagUrl(a!.origin, t).href);
    await eventually(
      async () => (await listFollowers(db, { limit: 10 })).length === 1,
      30_000,
      "the gone follower to be dropped",
    );
    const [left] = await listFollowers(db, { limit: 10 });
    expect(left!.actorUri).toBe(`${gone.origin}/users/stays`);
    expect(gone.hits.some((h) => h.url === "/users/left/inbox")).toBe(true);
  });

  it("drops the followers of a server whose shared inbox answers 410 Gone", async () => {
    a = await startInstance({ handle: "alpha", env: quickRetries });
    gone = await recordingServer(410);
    const db = a.services.database.db;
    for (const name of ["one", "two"]) {
      await addFollower(db, {
        actorUri: `${gone.origin}/users/${name}`,
        followId: null,
        inbox: `${gone.origin}/users/${name}/inbox`,
        sharedInbox: `${gone.origin}/inbox`,
        handle: null,
        name: null,
        url: null,
      });
    }
    await createAnnouncement(db, { content: "Anyone there?" }, (t) => tagUrl(a!.origin, t).href);
    await eventually(
      async () => (await listFollowers(db, { limit: 10 })).length === 0,
      30_000,
      "the gone server's followers to be dropped",
    );
    // Delivered to the shared inbox only, not per follower (Fedify knocks twice on a 4xx, once per
    // signature scheme, and gives up without retrying on 410).
    expect(new Set(gone.hits.filter((h) => h.method === "POST").map((h) => h.url))).toEqual(new Set(["/inbox"]));
  });
});
