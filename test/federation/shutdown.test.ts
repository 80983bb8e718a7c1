import "temporal-polyfill/global";
import { Move } from "@fedify/vocab";
import { afterEach, describe, expect, it } from "vitest";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { followedByMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

const env = { SHUTDOWN_CHECK_INTERVAL: "200ms" };
const noNotice = { norms: { shutdownNoticeDays: 0 } };

async function api(instance: TestInstance) {
  const token = await createToken(instance.services.database.db, "test");
  if (!token.ok) throw new Error("no token");
  return (method: string, path: string, body?: unknown) =>
    fetch(`${instance.origin}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${token.value.token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

const actorJson = async (uri: string) =>
  (await (await fetch(uri, { headers: { Accept: "application/activity+json" } })).json()) as Record<string, unknown>;

/** How many notes are pinned (compact JSON-LD gives one item as an object, several as an array). */
async function pinned(a: TestInstance): Promise<number> {
  const response = await fetch(`${a.origin}/actors/alpha/featured`, {
    headers: { Accept: "application/activity+json" },
  });
  const items = ((await response.json()) as { orderedItems?: unknown }).orderedItems;
  return Array.isArray(items) ? items.length : items ? 1 : 0;
}

type Succession = { key: string; predecessor: { actorUri: string }; state: string };

describe("a provider closes down and hands over to its successor", { timeout: 120_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopAll(a, b);
  });

  it("A announces, B consents from its own API, and at the date A moves to B and its follower gets the Move", async () => {
    a = await startInstance({ handle: "alpha", name: "Alpha Co-op", profile: noNotice, env });
    b = await startInstance({ handle: "beta", name: "Beta Collectif", env });
    const alphaUri = `${a.origin}/actors/alpha`;
    const betaUri = `${b.origin}/actors/beta`;
    remote = await followedByMastodonLike(a);
    const callA = await api(a);
    const callB = await api(b);

    const effective = new Date(Date.now() + 8000).toISOString();
    const announced = await callA("POST", "/v1/shutdown", {
      effective,
      successor: betaUri,
      message: "Export your mail.",
    });
    expect(announced.status).toBe(201);
    const notice = (await announced.json()) as { note: string; consent: string; move: string };
    expect(notice).toMatchObject({ consent: "pending", move: "awaiting_consent", state: "standing" });
    // The public note goes to the follower and is pinned; the actor says it is closing.
    await eventually(() => remote!.received.some((x) => x.constructor.name === "Create"), 30_000, "the note");
    expect(await pinned(a)).toBe(1);
    expect((await actorJson(alphaUri)).closing).toEqual({ effective, successor: betaUri });

    // B holds the request and consents: its actor now lists A.
    const request = await eventually(
      async () => {
        const list = (await (await callB("GET", "/v1/successions")).json()) as { items: Succession[] };
        return list.items[0];
      },
      30_000,
      "the succession request on B",
    );
    expect(request).toMatchObject({ predecessor: { actorUri: alphaUri }, state: "pending" });
    expect((await callB("POST", `/v1/successions/${request.key}/accept`)).status).toBe(200);
    await eventually(async () => (await actorJson(betaUri)).alsoKnownAs === alphaUri || false, 10_000, "B's alias");
    await eventually(
      async () => ((await (await callA("GET", "/v1/shutdown")).json()) as { consent: string }).consent === "accepted",
      30_000,
      "A records B's consent",
    );

    // At the date: A's actor has movedTo B, and the follower receives the Move.
    const move = await eventually(() => remote!.received.find((x) => x instanceof Move), 60_000, "the Move");
    expect(move.actorId?.href).toBe(alphaUri);
    expect(move.objectId?.href).toBe(alphaUri);
    expect(move.targetId?.href).toBe(betaUri);
    expect((await actorJson(alphaUri)).movedTo).toBe(betaUri);
    expect(await (await callA("GET", "/v1/shutdown")).json()).toMatchObject({ state: "moved", move: "moved" });
    // A's own directory sends searchers to B.
    const found = (await (await fetch(`${a.origin}/api/v1/directory`)).json()) as { results: { movedTo: string }[] };
    expect(found.results[0]!.movedTo).toBe(betaUri);
    // And so does its public page, to people who come to it.
    const home = await (await fetch(`${a.origin}/`, { headers: { "accept-language": "en" } })).text();
    expect(home).toContain(`<a href="${betaUri}">Closed down: its users moved to ${betaUri}</a>`);
  });

  it("refuses a date shorter than the notice the profile promises, naming the field", async () => {
    a = await startInstance({ handle: "alpha", profile: { norms: { shutdownNoticeDays: 30 } }, env });
    const call = await api(a);
    const response = await call("POST", "/v1/shutdown", {
      effective: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      successor: "https://unused.example/actors/x",
      message: "Bye",
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("invalid");
    expect(Object.keys(body.error.fields)).toEqual(["effective"]);
    expect((await call("GET", "/v1/shutdown")).status).toBe(404);
  });

  it("withdrawing deletes the note, unpins it and lets the successor's request lapse", async () => {
    a = await startInstance({ handle: "alpha", profile: noNotice, env });
    b = await startInstance({ handle: "beta", env });
    remote = await followedByMastodonLike(a);
    const callA = await api(a);
    const callB = await api(b);
    const effective = new Date(Date.now() + 3_600_000).toISOString();
    const announced = await callA("POST", "/v1/shutdown", {
      effective,
      successor: `${b.origin}/actors/beta`,
      message: "Move now.",
    });
    expect(announced.status).toBe(201);
    const { note } = (await announced.json()) as { note: string };
    await eventually(
      async () => {
        const list = (await (await callB("GET", "/v1/successions")).json()) as { items: Succession[] };
        return list.items[0]?.state === "pending";
      },
      30_000,
      "the request on B",
    );

    expect((await callA("DELETE", "/v1/shutdown")).status).toBe(200);
    const deleted = await eventually(
      () => remote!.received.find((x) => x.constructor.name === "Delete"),
      30_000,
      "the Delete of the note",
    );
    expect(deleted.objectId?.href).toBe(note);
    expect(await pinned(a)).toBe(0);
    expect((await callA("GET", "/v1/shutdown")).status).toBe(404);
    await eventually(
      async () => {
        const list = (await (await callB("GET", "/v1/successions")).json()) as { items: Succession[] };
        return list.items[0]?.state === "withdrawn";
      },
      30_000,
      "the request lapses on B",
    );
  });

  it("a successor that rejects means no Move at the date", async () => {
    a = await startInstance({ handle: "alpha", profile: noNotice, env });
    b = await startInstance({ handle: "beta", env });
    const callA = await api(a);
    const callB = await api(b);
    const effective = new Date(Date.now() + 6000).toISOString();
    expect(
      (await callA("POST", "/v1/shutdown", { effective, successor: `${b.origin}/actors/beta`, message: "x" })).status,
    ).toBe(201);
    const request = await eventually(
      async () => {
        const list = (await (await callB("GET", "/v1/successions")).json()) as { items: Succession[] };
        return list.items[0];
      },
      30_000,
      "the request on B",
    );
    expect((await callB("POST", `/v1/successions/${request.key}/reject`)).status).toBe(200);
    const settled = await eventually(
      async () => {
        const n = (await (await callA("GET", "/v1/shutdown")).json()) as { state: string };
        return n.state === "standing" ? undefined : n;
      },
      60_000,
      "the notice settled at its date",
    );
    expect(settled).toMatchObject({ state: "closed", move: "no_move", outcome: "rejected", consent: "rejected" });
    expect((await actorJson(`${a.origin}/actors/alpha`)).movedTo).toBeUndefined();
    expect((await actorJson(`${b.origin}/actors/beta`)).alsoKnownAs).toBeUndefined();
  });
});
