// What another server sends as a link target is only ever rendered as an http(s) link: a remote
// actor whose `url` is `javascript:…` is shown, but never as a link that runs it.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { addFollower, listFollowers } from "../../src/domain/followers/followers.ts";
import { applyReplica } from "../../src/domain/directory/replica.repository.ts";
import { profileSchema } from "../../src/domain/profile/profile.schema.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { setUpThroughPanel } from "../helpers/panel-client.ts";
import { startMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

const hrefs = (page: string) => [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
const unsafe = (page: string) => hrefs(page).filter((h) => !/^(https?:\/\/|\/|#|\?|mailto:)/.test(h));

describe("links to other servers", { timeout: 120_000 }, () => {
  let ours: TestInstance | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopAll(ours);
  });

  it("stores and renders a follower whose url is javascript: without that link", async () => {
    ours = await startInstance({ handle: null });
    const admin = await setUpThroughPanel(ours, { handle: "provider" });
    const host = new URL(ours.origin).host;
    remote = await startMastodonLike({
      "https://mastodon.example/@alice": "javascript:alert(document.cookie)",
      "https://hosting.example": ours.origin,
      "@provider@hosting.example": `@provider@${host}`,
    });
    expect((await remote.post("mastodon-follow.json", `${ours.origin}/actors/provider/inbox`)).status).toBe(202);
    const [follower] = await eventually(
      async () => {
        const rows = await listFollowers(ours!.services.database.db, { limit: 5 });
        return rows.length ? rows : undefined;
      },
      30_000,
      "the follower",
    );
    // Stored: the actor's id stands in for the unusable url.
    expect(follower!.url).toBe(remote.actorUri);

    // A row stored before this check (or by another path) is not rendered as a link either.
    await addFollower(ours.services.database.db, {
      actorUri: "https://old.example/users/mallory",
      followId: null,
      inbox: "https://old.example/users/mallory/inbox",
      sharedInbox: null,
      handle: "@mallory@old.example",
      name: "Mallory",
      url: "javascript:alert(1)",
    });
    const audience = await admin.get("/admin/audience");
    expect(audience.status).toBe(200);
    expect(audience.html).toContain("Alice Organiser");
    expect(audience.html).toContain("Mallory");
    expect(audience.html).not.toContain("javascript:");
    expect(hrefs(audience.html)).toContain("https://old.example/users/mallory");
    expect(unsafe(audience.html)).toEqual([]);
  });

  it("renders a directory entry whose url is not http(s) without that link", async () => {
    ours = await startInstance({ handle: "home" });
    await applyReplica(ours.services.database.db, {
      actorUri: "https://far.example/actors/far",
      handle: "@far@far.example",
      name: "Far Away Hosting",
      url: "javascript:alert(1)",
      profile: profileSchema.parse({}),
    });
    const page = await (await fetch(`${ours.origin}/directory`, { headers: { "Accept-Language": "en" } })).text();
    expect(page).toContain("Far Away Hosting");
    expect(page).not.toContain("javascript:");
    expect(unsafe(page)).toEqual([]);
    // The card opens the provider's page here, which links to the provider by its actor id instead.
    const here = `${ours.origin}/directory/providers?actor=${encodeURIComponent("https://far.example/actors/far")}`;
    expect(hrefs(page)).toContain(here.slice(ours.origin.length));
    const profile = await (await fetch(here, { headers: { "Accept-Language": "en" } })).text();
    expect(profile).toContain("Far Away Hosting");
    expect(profile).not.toContain("javascript:");
    expect(hrefs(profile)).toContain("https://far.example/actors/far");
    expect(unsafe(profile)).toEqual([]);
  });
});
