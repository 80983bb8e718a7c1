import { afterEach, describe, expect, it } from "vitest";
import {
  createAnnouncement,
  updateAnnouncement,
  deleteAnnouncement,
} from "../../src/domain/announcements/announcements.ts";
import { listFeed, findFollowed } from "../../src/domain/following/following.ts";
import { listFollowers } from "../../src/domain/followers/followers.ts";
import { updateProvider } from "../../src/domain/provider/provider.ts";
import { followRemote, unfollowRemote } from "../../src/federation/follow-remote.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

describe("two real instances", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => stopAll(a, b));

  it("B follows A, receives A's announcements and edits, and unfollows", { timeout: 120_000 }, async () => {
    a = await startInstance({ handle: "alpha", name: "Alpha Co-op" });
    b = await startInstance({ handle: "beta", name: "Beta Collective" });
    // By URL: WebFinger lookups of handles go over https, which test instances do not serve.
    const followed = await followRemote(b.federation, b.services, `${a.origin}/actors/alpha`);
    expect(followed.ok).toBe(true);

    const follower = await eventually(
      async () => (await listFollowers(a!.services.database.db, { limit: 10 }))[0],
      15_000,
      "A to record B as follower",
    );
    expect(follower.actorUri).toBe(`${b.origin}/actors/beta`);
    await eventually(
      async () => (await findFollowed(b!.services.database.db, `${a!.origin}/actors/alpha`))?.state === "accepted",
      15_000,
      "B's follow to be accepted",
    );

    const tag = (t: string) => tagUrl(a!.origin, t).href;
    const created = await createAnnouncement(
      a.services.database.db,
      { content: "Maintenance tonight #ops", language: "en" },
      tag,
    );
    expect(created.ok).toBe(true);
    const item = await eventually(
      async () => (await listFeed(b!.services.database.db, { limit: 5 }))[0],
      15_000,
      "B to receive the announcement",
    );
    expect(item.html).toContain("Maintenance tonight");
    expect(item.language).toBe("en");

    if (!created.ok) return;
    await updateAnnouncement(
      a.services.database.db,
      created.value.id,
      { content: "Maintenance moved to tomorrow" },
      tag,
    );
    await eventually(
      async () => (await listFeed(b!.services.database.db, { limit: 5 }))[0]?.html.includes("tomorrow"),
      15_000,
      "B to receive the edit",
    );

    await deleteAnnouncement(a.services.database.db, created.value.id);
    await eventually(
      async () => (await listFeed(b!.services.database.db, { limit: 5 })).length === 0,
      15_000,
      "B to drop the deleted post",
    );

    expect((await unfollowRemote(b.services, `${a.origin}/actors/alpha`)).ok).toBe(true);
    await eventually(
      async () => (await listFollowers(a!.services.database.db, { limit: 10 })).length === 0,
      15_000,
      "A to drop B",
    );
  });

  it("A's profile update reaches its followers as an Update", { timeout: 90_000 }, async () => {
    a = await startInstance({ handle: "alpha" });
    b = await startInstance({ handle: "beta" });
    await followRemote(b.federation, b.services, `${a.origin}/actors/alpha`);
    await eventually(
      async () => (await listFollowers(a!.services.database.db, { limit: 10 })).length === 1,
      15_000,
      "follow",
    );
    const result = await updateProvider(a.services.database.db, { name: "Alpha Renamed" });
    expect(result.ok).toBe(true);
    // B keeps its followed accounts' names current from their Update(actor).
    await eventually(
      async () => (await findFollowed(b!.services.database.db, `${a!.origin}/actors/alpha`))?.name === "Alpha Renamed",
      15_000,
      "B to see the new name",
    );
  });
});
