import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { findFollowed } from "../../src/domain/following/following.ts";
import { followedSchema, followingListSchema } from "../../src/web/api/schemas.ts";
import { startApi, type ApiClient } from "../api/api-client.ts";
import { eventually, stopAll } from "../helpers/instance.ts";

describe("the operator API between two real instances", () => {
  let a: ApiClient | undefined;
  let b: ApiClient | undefined;
  afterEach(async () => stopAll(a?.instance, b?.instance));

  it("B follows A through its API; A's profile PUT reaches B as an Update; B unfollows", async () => {
    a = await startApi({ handle: "alpha", name: "Alpha Co-op", queue: true });
    b = await startApi({ handle: "beta", name: "Beta Collective", queue: true });
    const alphaUri = `${a.instance.origin}/actors/alpha`;

    expect((await b.call("POST", "/api/v1/following", { target: "not a handle" })).status).toBe(422);
    const missing = await b.call("POST", "/api/v1/following", { target: `${a.instance.origin}/actors/nobody` });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(["target"]);

    // By URL (the test below finds a peer by its handle).
    const followed = await b.call("POST", "/api/v1/following", { target: alphaUri });
    expect(followed.status).toBe(202);
    expect(followedSchema.parse(followed.body)).toMatchObject({ actorUri: alphaUri, state: "pending" });

    await eventually(
      async () => (await b!.call("GET", "/api/v1/following")).body.items[0]?.state === "accepted",
      15_000,
      "B's follow to be accepted",
    );
    const following = followingListSchema.parse((await b.call("GET", "/api/v1/following")).body);
    expect(following.items).toHaveLength(1);
    const followers = await eventually(
      async () => {
        const res = await a!.call("GET", "/api/v1/followers");
        return res.body.total === 1 ? res.body : undefined;
      },
      15_000,
      "A to list B as follower",
    );
    expect(followers.items[0].actorUri).toBe(`${b.instance.origin}/actors/beta`);

    const current = await a.call("GET", "/api/v1/profile");
    const put = await a.call("PUT", "/api/v1/profile", {
      name: "Alpha Hosting Co-op",
      profile: { ...current.body.profile, summary: "Now with Matrix." },
    });
    expect(put.status).toBe(200);
    // B keeps its followed accounts' names current from their Update(actor).
    await eventually(
      async () => (await findFollowed(b!.instance.services.database.db, alphaUri))?.name === "Alpha Hosting Co-op",
      15_000,
      "B to receive the Update",
    );
    expect((await b.call("GET", "/api/v1/following")).body.items[0].name).toBe("Alpha Hosting Co-op");

    const unfollowed = await b.call("DELETE", `/api/v1/following?actor=${encodeURIComponent(alphaUri)}`);
    expect(unfollowed.status).toBe(204);
    expect((await b.call("GET", "/api/v1/following")).body.items).toEqual([]);
    expect((await b.call("DELETE", `/api/v1/following?actor=${encodeURIComponent(alphaUri)}`)).status).toBe(404);
    expect((await b.call("DELETE", "/api/v1/following?actor=nonsense")).status).toBe(422);
    await eventually(async () => (await a!.call("GET", "/api/v1/followers")).body.total === 0, 15_000, "A to drop B");
  });

  it("finds a peer on a local test network by its handle with a port, over plain http", async () => {
    a = await startApi({ handle: "alpha", name: "Alpha Co-op", queue: true });
    b = await startApi({ handle: "beta", name: "Beta Collective", queue: true });
    const host = new URL(a.instance.origin).host;
    expect(host).toMatch(/:\d+$/);
    const followed = await b.call("POST", "/api/v1/following", { target: `@alpha@${host}` });
    expect(followed.status).toBe(202);
    expect(followed.body).toMatchObject({ actorUri: `${a.instance.origin}/actors/alpha` });
    const unknown = await b.call("POST", "/api/v1/following", { target: `@nobody@${host}` });
    expect(unknown.status).toBe(422);
  });
});
