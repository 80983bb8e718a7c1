import "temporal-polyfill/global";
import { Accept } from "@fedify/vocab";
import { afterEach, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { listInteractions } from "../../src/domain/announcements/interactions.ts";
import { listFollowers } from "../../src/domain/followers/followers.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { startMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

const ANNOUNCEMENT_PLACEHOLDER = "https://hosting.example/announcements/0193a0c2-7e1f-7b3c-9a41-5d2f0e8c6b10";

describe("a Mastodon account follows, replies and likes", { timeout: 120_000 }, () => {
  let ours: TestInstance | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopAll(ours);
  });

  it("gets an Accept, and its reply (sanitised) and like are kept", async () => {
    ours = await startInstance({ handle: "provider" });
    const created = await createAnnouncement(
      ours.services.database.db,
      { content: "Maintenance tonight #ops" },
      (t) => tagUrl(ours!.origin, t).href,
    );
    if (!created.ok) throw new Error("announcement");
    const announcementUrl = `${ours.origin}/announcements/${created.value.id}`;
    const host = new URL(ours.origin).host;
    remote = await startMastodonLike({
      [ANNOUNCEMENT_PLACEHOLDER]: announcementUrl,
      "https://hosting.example": ours.origin,
      "@provider@hosting.example": `@provider@${host}`,
      "tag:hosting.example": `tag:${host}`,
    });
    const inbox = `${ours.origin}/actors/provider/inbox`;

    // Follow, exactly as Mastodon sends it, to the actor's inbox.
    expect((await remote.post("mastodon-follow.json", inbox)).status).toBe(202);
    const accept = await eventually(() => remote!.received.find((a) => a instanceof Accept), 30_000, "the Accept");
    expect(accept.objectId?.href).toBe(`${remote.origin}/3f5c2b1e-8a4d-4e6f-9b0c-1d2e3f4a5b6c`);
    const [follower] = await listFollowers(ours.services.database.db, { limit: 5 });
    expect(follower).toMatchObject({
      actorUri: remote.actorUri,
      sharedInbox: `${remote.origin}/inbox`,
      name: "Alice Organiser 🌱",
    });
    expect(follower!.handle).toBe(`@alice@${new URL(remote.origin).host}`);

    // A reply with a mention, to the shared inbox. A hostile server could add markup Mastodon
    // never sends: it must not survive. The LD signature is dropped (it is not a valid one).
    const reply = await remote.post("mastodon-create-note-reply.json", `${ours.origin}/inbox`, {}, (doc) => {
      delete doc.signature;
      const note = doc.object as Record<string, unknown>;
      note.content = `${String(note.content)}<img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>`;
      delete note.contentMap;
    });
    expect(reply.status).toBe(202);
    const [stored] = await eventually(
      async () => {
        const rows = await listInteractions(ours!.services.database.db, { limit: 5, kind: "reply" });
        return rows.length > 0 ? rows : undefined;
      },
      30_000,
      "the reply",
    );
    expect(stored).toMatchObject({
      announcementId: created.value.id,
      actorUri: remote.actorUri,
      remoteId: `${remote.actorUri}/statuses/113512345678901234`,
    });
    expect(stored!.html).toContain("heads-up");
    expect(stored!.html).toContain('class="u-url mention"');
    expect(stored!.html).not.toMatch(/<img|<script|onerror|javascript:/);

    expect((await remote.post("mastodon-like.json", `${ours.origin}/inbox`)).status).toBe(202);
    const likes = await eventually(
      async () => {
        const rows = await listInteractions(ours!.services.database.db, { limit: 5, kind: "like" });
        return rows.length > 0 ? rows : undefined;
      },
      30_000,
      "the like",
    );
    expect(likes[0]).toMatchObject({ announcementId: created.value.id, remoteId: `${remote.actorUri}#likes/98765` });

    // And Undo(Follow) unfollows.
    expect((await remote.post("mastodon-undo-follow.json", inbox)).status).toBe(202);
    await eventually(
      async () => (await listFollowers(ours!.services.database.db, { limit: 5 })).length === 0,
      30_000,
      "the unfollow",
    );
  });
});
