import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { announcementPageSchema, announcementSchema } from "../../src/web/api/schemas.ts";
import { stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

describe("API announcements", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("creates, reads, edits, pins, unpins and deletes an announcement", async () => {
    api = await startApi();
    const created = await api.call("POST", "/api/v1/announcements", {
      content: "Maintenance tonight #ops",
      language: "en",
    });
    expect(created.status).toBe(201);
    const a = announcementSchema.parse(created.body);
    expect(a).toMatchObject({
      content: "Maintenance tonight #ops",
      language: "en",
      hashtags: ["ops"],
      pinned: false,
      updatedAt: null,
    });
    expect(a.html).toContain("Maintenance tonight");
    expect(a.url).toBe(`${api.instance.origin}/announcements/${a.id}`);

    expect((await api.call("GET", `/api/v1/announcements/${a.id}`)).body).toEqual(created.body);

    const edited = await api.call("PATCH", `/api/v1/announcements/${a.id}`, {
      content: "Maintenance moved to **tomorrow**",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.content).toBe("Maintenance moved to **tomorrow**");
    expect(edited.body.html).toContain("<strong>tomorrow</strong>");
    expect(edited.body.language).toBe("en");
    expect(edited.body.updatedAt).not.toBeNull();

    const pinned = await api.call("POST", `/api/v1/announcements/${a.id}/pin`);
    expect(pinned.status).toBe(200);
    expect(pinned.body.pinned).toBe(true);
    expect(pinned.body.pinnedAt).not.toBeNull();
    const unpinned = await api.call("DELETE", `/api/v1/announcements/${a.id}/pin`);
    expect(unpinned.body).toMatchObject({ pinned: false, pinnedAt: null });

    const deleted = await api.call("DELETE", `/api/v1/announcements/${a.id}`);
    expect(deleted.status).toBe(204);
    expect((await api.call("GET", `/api/v1/announcements/${a.id}`)).status).toBe(404);
    expect((await api.call("DELETE", `/api/v1/announcements/${a.id}`)).status).toBe(404);
    expect((await api.call("PATCH", `/api/v1/announcements/${a.id}`, { content: "back from the dead" })).status).toBe(
      404,
    );
    expect((await api.call("POST", `/api/v1/announcements/${a.id}/pin`)).status).toBe(404);
    expect((await api.call("GET", "/api/v1/announcements")).body.items).toEqual([]);
  });

  it("answers 404 for unknown and malformed ids, and 422 for invalid announcements", async () => {
    api = await startApi();
    const unknown = "01234567-89ab-7def-8123-456789abcdef";
    for (const [method, path] of [
      ["GET", `/api/v1/announcements/${unknown}`],
      ["DELETE", `/api/v1/announcements/${unknown}`],
      ["POST", `/api/v1/announcements/${unknown}/pin`],
      ["GET", "/api/v1/announcements/not-an-id"],
      ["GET", "/api/v1/no-such-endpoint"],
    ] as const) {
      const res = await api.call(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const wrongMethod = await api.call("PUT", `/api/v1/announcements/${unknown}`, { content: "x" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD");
    expect(wrongMethod.body.error.code).toBe("method_not_allowed");
    const invalid = await api.call("POST", "/api/v1/announcements", {
      content: "   ",
      language: "english!",
      pinned: "yes",
    });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(["content", "language", "pinned"]);
    const tooLong = await api.call("POST", "/api/v1/announcements", { content: "x".repeat(10_001) });
    expect(tooLong.status).toBe(422);
    expect((await api.call("GET", "/api/v1/announcements")).body.items).toEqual([]);
    const badQuery = await api.call("GET", "/api/v1/announcements?limit=1000&before=yesterday");
    expect(badQuery.status).toBe(422);
    expect(Object.keys(badQuery.body.error.fields).sort()).toEqual(["before", "limit"]);
  });

  it("pages through announcements newest first with before and limit", async () => {
    api = await startApi();
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await api.call("POST", "/api/v1/announcements", { content: `Announcement ${i}` });
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await api.call("GET", `/api/v1/announcements?limit=3${next ? `&before=${next}` : ""}`);
      expect(res.status).toBe(200);
      const page = announcementPageSchema.parse(res.body);
      seen.push(...page.items.map((a) => a.id));
      next = page.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    // Pages are consecutive slices of the full list: nothing skipped, nothing repeated.
    const all = await api.call("GET", "/api/v1/announcements?limit=7");
    expect(all.body.next).toBeNull();
    expect(seen).toEqual(all.body.items.map((a: { id: string }) => a.id));
    expect([...seen].sort()).toEqual([...ids].sort());
    // Newest first (ids are time-ordered): the first posted comes last.
    expect(seen.at(-1)).toBe(ids[0]);
  });
});
