import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { queueStatus } from "../../src/db/queue-admin.ts";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { addFollower } from "../../src/domain/followers/followers.ts";
import { followRemote } from "../../src/federation/follow-remote.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { recordingServer, type RecordingServer } from "../helpers/recording-server.ts";

// Without ALLOW_PRIVATE_ADDRESS an instance must not be steered into fetching or posting to
// loopback or private addresses (SSRF). The tripwire is a listener on 127.0.0.1 that would answer.
describe("private addresses", { timeout: 90_000 }, () => {
  let a: TestInstance | undefined;
  let tripwire: RecordingServer | undefined;
  afterEach(async () => {
    await stopAll(a);
    await tripwire?.close();
  });

  const actorJson = (origin: string) =>
    JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${origin}/users/x`,
      type: "Person",
      preferredUsername: "x",
      inbox: `${origin}/users/x/inbox`,
    });

  it("refuses to look up an actor on 127.0.0.1", async () => {
    tripwire = await recordingServer(200, () => ({
      status: 200,
      body: actorJson(tripwire!.origin),
      type: "application/activity+json",
    }));
    a = await startInstance({ handle: "alpha", env: { ALLOW_PRIVATE_ADDRESS: "false" } });
    const result = await followRemote(a.federation, a.services, `${tripwire.origin}/users/x`);
    expect(result.ok).toBe(false);
    expect(tripwire.hits).toEqual([]);
    // The same lookup is allowed where private addresses are (tests, development).
    const allowed = await startInstance({ handle: "beta", env: { ALLOW_PRIVATE_ADDRESS: "true" } });
    try {
      expect((await followRemote(allowed.federation, allowed.services, `${tripwire.origin}/users/x`)).ok).toBe(true);
      expect(tripwire.hits.length).toBeGreaterThan(0);
    } finally {
      await stopAll(allowed);
    }
  });

  it("refuses to deliver to an inbox on 127.0.0.1", async () => {
    tripwire = await recordingServer(202);
    a = await startInstance({
      handle: "alpha",
      env: { ALLOW_PRIVATE_ADDRESS: "false", DELIVERY_RETRY_INITIAL_MS: "100" },
    });
    const db = a.services.database.db;
    // A follower row pointing at a private inbox (as a forged Follow could have left).
    await addFollower(db, {
      actorUri: `${tripwire.origin}/users/x`,
      followId: null,
      inbox: `${tripwire.origin}/users/x/inbox`,
      sharedInbox: null,
      handle: null,
      name: null,
      url: null,
    });
    await createAnnouncement(db, { content: "Not for loopback" }, (t) => tagUrl(a!.origin, t).href);
    // Every message handled to its end: the announcement's event, its fan-out, and any delivery it
    // would have queued (a delivery stays on the queue, leased or waiting to retry, until it is done).
    await eventually(
      async () => (await queueStatus(a!.services.database)).queued === 0,
      60_000,
      "every queued message to be handled",
    );
    expect(tripwire.hits).toEqual([]);
  });
});
