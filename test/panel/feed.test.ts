// The feed page: operators read what the providers their instance follows announce.
import { afterEach, describe, expect, it } from "vitest";
import { feedItems, following } from "../../src/db/schema/index.ts";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { setUpThroughPanel } from "../helpers/panel-client.ts";

describe("the panel's feed", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => {
    await stopAll(a, b);
    a = b = undefined;
  });

  it("shows the post of a provider this instance follows, in the operator's language", {
    timeout: 120_000,
  }, async () => {
    a = await startInstance({ handle: null });
    b = await startInstance({ handle: "beta", name: "Beta Collective" });
    const admin = await setUpThroughPanel(a, { handle: "alpha" });

    const empty = await admin.get("/admin/feed");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('href="/admin/feed" aria-current="page"');
    expect(empty.html).toContain("Nothing yet");

    expect((await admin.post("/admin/network/peers", { target: `${b.origin}/actors/beta` })).status).toBe(303);
    await eventually(
      async () => (await admin.get("/admin/network")).html.includes("following"),
      30_000,
      "beta to accept the follow",
    );
    const posted = await createAnnouncement(
      b.services.database.db,
      { content: "Our **new mail service** opens on Monday #email", language: "en" },
      (tag) => tagUrl(b!.origin, tag).href,
    );
    expect(posted.ok).toBe(true);

    const page = await eventually(
      async () => {
        const res = await admin.get("/admin/feed");
        return res.html.includes("opens on Monday") ? res : undefined;
      },
      30_000,
      "the post to reach the feed",
    );
    expect(page.html).toContain("<strong>new mail service</strong>");
    expect(page.html).toContain("Beta Collective");
    expect(page.html).toContain('lang="en"');

    const french = await admin.get("/admin/feed", { "accept-language": "fr" });
    expect(french.html).toContain("<h1>Fil</h1>");
    expect(french.html).toContain("opens on Monday");
  });

  it("lists posts newest first, twenty a page, without anything a post's HTML could run", async () => {
    a = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(a, { handle: "alpha" });
    const db = a.services.database.db;
    const actorUri = "https://peer.example/actors/gamma";
    await db.insert(following).values({
      actorUri,
      followId: "https://a.example/#follows/1",
      inbox: "https://peer.example/inbox",
      name: "Gamma Hosting",
      state: "accepted",
    });
    // Post 1 is the oldest, post 25 the newest; stored as they are, as if kept before sanitising.
    await db.insert(feedItems).values(
      Array.from({ length: 25 }, (_, i) => ({
        remoteId: `https://peer.example/notes/${i + 1}`,
        actorUri,
        html: `<p>post number ${i + 1}.</p><script>alert(${i + 1})</script><img src=x onerror="alert(1)">`,
        url: `https://peer.example/notes/${i + 1}`,
        publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    );
    // Not followed any more (or never): not shown.
    await db.insert(feedItems).values({
      remoteId: "https://stranger.example/notes/1",
      actorUri: "https://stranger.example/actors/x",
      html: "<p>post from a stranger.</p>",
      publishedAt: new Date(Date.UTC(2026, 0, 2)),
    });

    const first = await admin.get("/admin/feed");
    const numbers = (html: string) => [...html.matchAll(/post number (\d+)\./g)].map((m) => Number(m[1]));
    expect(numbers(first.html)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(first.html).not.toContain("<script>alert");
    expect(first.html).not.toContain("onerror");
    expect(first.html).not.toContain("stranger");
    const next = /href="(\/admin\/feed\?before=[^"]+)" rel="next"/.exec(first.html)?.[1];
    expect(next).toBeDefined();

    const second = await admin.get(next!);
    expect(numbers(second.html)).toEqual([5, 4, 3, 2, 1]);
    expect(second.html).not.toContain('rel="next"');
    expect(second.html).toContain('href="/admin/feed"');

    // A made-up cursor starts from the newest posts again.
    expect(numbers((await admin.get("/admin/feed?before=bm90LWEtY3Vyc29y")).html)[0]).toBe(25);
  });

  it("is for signed-in operators only", async () => {
    a = await startInstance({ handle: "alpha" });
    const res = await fetch(`${a.origin}/admin/feed`, { redirect: "manual" });
    expect(res.status).toBe(303);
  });
});
