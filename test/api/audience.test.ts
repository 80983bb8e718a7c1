import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { recordInteraction } from "../../src/domain/announcements/interactions.ts";
import { addFollower } from "../../src/domain/followers/followers.ts";
import { followerPageSchema, interactionPageSchema } from "../../src/web/api/schemas.ts";
import { stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

async function collect(api: ApiClient, path: string, limit: number) {
  const ids: string[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const res = await api.call(
      "GET",
      `${path}${path.includes("?") ? "&" : "?"}limit=${limit}${next ? `&before=${encodeURIComponent(next)}` : ""}`,
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    next = res.body.next;
    pages++;
  } while (next && pages < 20);
  return { ids, pages };
}

describe("API followers and interactions", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("pages through followers without skipping or repeating any", async () => {
    api = await startApi();
    const db = api.instance.services.database.db;
    for (let i = 0; i < 5; i++) {
      await addFollower(db, {
        actorUri: `https://social.example/users/u${i}`,
        followId: null,
        inbox: `https://social.example/users/u${i}/inbox`,
        sharedInbox: null,
        handle: `@u${i}@social.example`,
        name: `User ${i}`,
        url: null,
      });
    }
    const first = await api.call("GET", "/api/v1/followers?limit=2");
    const page = followerPageSchema.parse(first.body);
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    const { ids, pages } = await collect(api, "/api/v1/followers", 2);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(5);
    const all = await api.call("GET", "/api/v1/followers?limit=100");
    expect(ids).toEqual(all.body.items.map((f: { id: string }) => f.id));
    const badCursor = await api.call("GET", "/api/v1/followers?before=garbage");
    expect(badCursor.status).toBe(422);
    expect(Object.keys(badCursor.body.error.fields)).toEqual(["before"]);
  });

  it("lists interactions received, filtered by kind and paginated", async () => {
    api = await startApi();
    const db = api.instance.services.database.db;
    const kinds = ["reply", "like", "boost", "mention", "like", "like"] as const;
    for (const [i, kind] of kinds.entries()) {
      await recordInteraction(db, {
        kind,
        remoteId: `https://social.example/activities/${i}`,
        actorUri: "https://social.example/users/ana",
        actorHandle: "@ana@social.example",
        actorName: "Ana",
        announcementId: null,
        html: kind === "reply" || kind === "mention" ? `<p>hello ${i}<script>alert(1)</script></p>` : null,
        url: null,
      });
    }
    const all = await api.call("GET", "/api/v1/interactions");
    const page = interactionPageSchema.parse(all.body);
    expect(page.items).toHaveLength(6);
    expect(page.next).toBeNull();
    expect(page.items.find((i) => i.kind === "reply")?.html).not.toContain("<script>");
    const likes = await collect(api, "/api/v1/interactions?kind=like", 2);
    expect(likes.ids).toHaveLength(3);
    expect(likes.pages).toBe(2);
    const onlyLikes = await api.call("GET", "/api/v1/interactions?kind=like&limit=10");
    expect(onlyLikes.body.items.every((i: { kind: string }) => i.kind === "like")).toBe(true);
    const badKind = await api.call("GET", "/api/v1/interactions?kind=dislike");
    expect(badKind.status).toBe(422);
    expect(Object.keys(badKind.body.error.fields)).toEqual(["kind"]);
  });
});
