// Working groups between real instances on 127.0.0.1: a group hosted on B, joined by A (a member of
// the group's network, accepted at once) and followed by a Mastodon stand-in, which receives A's
// public post to the group as the group's Announce.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, networkOf, type Node, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { followedByMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";
import { signedRequest, signerOf } from "../helpers/signed-post.ts";

type Json = Record<string, unknown>;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

async function groupOn(node: Node, key: string): Promise<Json | undefined> {
  const { body } = await node.call("GET", "/api/v1/groups");
  return (body as { items: Json[] }).items.find((g) => g.key === key);
}

const roleOf = (group: Json | undefined, actor: string) =>
  (group?.members as { actor: string; role: string }[] | undefined)?.find((m) => m.actor === actor)?.role;

describe("working groups between real instances", () => {
  let nodes: Node[] | undefined;
  let mastodon: RemoteServer | undefined;
  afterEach(async () => {
    await mastodon?.close();
    await stopNodes(nodes);
  });

  it("relays a member's public post to the group's followers, Mastodon included", { timeout: 240_000 }, async () => {
    // The Mastodon stand-in listens on loopback too: every instance may reach it.
    nodes = await startNodes(2, { env: { ALLOW_PRIVATE_ADDRESS: "true" } });
    const [b, a] = nodes as [Node, Node];
    const key = await networkOf([b, a]);
    const host = new URL(b.origin).host;

    // B founds the group in the network: a Group actor of its own, found by WebFinger.
    const created = await b.call("POST", "/api/v1/groups", {
      network: key,
      handle: "infra",
      name: "Shared infrastructure",
      purpose: "Run a shared backup service.",
    });
    expect(created.status).toBe(201);
    const groupUri = `${b.origin}/actors/infra`;
    expect(created.body).toMatchObject({ key: "infra", handle: `@infra@${host}`, actor: groupUri });
    // One actor per identifier: the provider's handle is not free.
    const taken = await b.call("POST", "/api/v1/groups", { network: key, handle: b.handle, name: "x", purpose: "y" });
    expect(taken.status).toBe(409);
    const unknownNetwork = await b.call("POST", "/api/v1/groups", {
      network: "0",
      handle: "x",
      name: "x",
      purpose: "y",
    });
    expect(unknownNetwork.status).toBe(422);

    const finger = await fetch(`${b.origin}/.well-known/webfinger?resource=acct:infra@${host}`);
    expect(finger.status).toBe(200);
    const jrd = (await finger.json()) as { links: { rel: string; href: string }[] };
    expect(jrd.links.find((l) => l.rel === "self")?.href).toBe(groupUri);
    const actor = (await (await fetch(groupUri, { headers: { Accept: "application/activity+json" } })).json()) as Json;
    expect(actor).toMatchObject({
      type: "Group",
      id: groupUri,
      name: "Shared infrastructure",
      summary: "<p>Run a shared backup service.</p>",
      inbox: `${groupUri}/inbox`,
      outbox: `${groupUri}/outbox`,
      followers: `${groupUri}/followers`,
      attributedTo: b.actor,
      publicKey: { id: `${groupUri}#main-key`, owner: groupUri },
    });

    // A, a member of the network, joins: accepted at once, as a member.
    const joined = await a.call("POST", "/api/v1/groups/join", { group: `@infra@${host}` });
    expect(joined.status).toBe(202);
    await eventually(
      async () => roleOf(await groupOn(b, "infra"), a.actor) === "member",
      DELIVERED_WITHIN_MS,
      "A a member",
    );
    await eventually(
      async () => {
        const { body } = await a.call("GET", "/api/v1/following");
        return (body as { items: Json[] }).items.some((f) => f.actorUri === groupUri && f.state === "accepted");
      },
      DELIVERED_WITHIN_MS,
      "the group's Accept on A",
    );

    // A Mastodon account follows the group: accepted, as a follower of its public output only.
    mastodon = await followedByMastodonLike(b.instance, "infra");
    expect(roleOf(await groupOn(b, "infra"), mastodon.actorUri)).toBe("applicant");

    // A posts a public Note addressed to the group; B's group Announces it to every follower.
    const noteId = `${a.origin}/notes/${crypto.randomUUID()}`;
    const note = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${noteId}/activity`,
      type: "Create",
      actor: a.actor,
      to: [PUBLIC, groupUri],
      cc: [`${a.actor}/followers`],
      object: {
        id: noteId,
        type: "Note",
        attributedTo: a.actor,
        content: "<p>Backups move to the new server on Monday.</p>",
        to: [PUBLIC, groupUri],
        cc: [`${a.actor}/followers`],
        audience: groupUri,
        published: new Date().toISOString(),
      },
    };
    const posted = await fetch(
      await signedRequest(`${b.origin}/inbox`, JSON.stringify(note), await signerOf(a.instance, a.handle)),
    );
    expect(posted.status).toBe(202);
    const remote = mastodon;
    await eventually(
      () => remote.posted.some((p) => p.type === "Announce" && p.actor === groupUri && p.object === noteId),
      DELIVERED_WITHIN_MS,
      "the group's Announce on the Mastodon stand-in",
    );
    const announce = remote.posted.find((p) => p.type === "Announce")!;
    expect(announce.to).toBe(PUBLIC);

    // Tasks, for coordination on B.
    const task = await b.call("POST", "/api/v1/groups/infra/tasks", {
      title: "Order the disks",
      assignee: `@${a.handle}@${new URL(a.origin).host}`,
    });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ title: "Order the disks", state: "open" });
    await b.call("POST", "/api/v1/groups/infra/tasks", { title: "Write the runbook", state: "done" });
    const tasks = await b.call("GET", "/api/v1/groups/infra/tasks");
    expect((tasks.body as { items: Json[] }).items.map((t) => [t.title, t.state])).toEqual([
      ["Order the disks", "open"],
      ["Write the runbook", "done"],
    ]);
    expect((await b.call("GET", "/api/v1/groups/nothing/tasks")).status).toBe(404);
    const moved = await b.call("PATCH", `/api/v1/groups/infra/tasks/${task.body.id}`, { state: "doing" });
    expect(moved.status).toBe(204);
    expect((await b.call("GET", "/api/v1/groups/infra/tasks")).body.items[0].state).toBe("doing");
    expect((await b.call("PATCH", `/api/v1/groups/infra/tasks/${task.body.id}`, { state: "later" })).status).toBe(422);
    expect(
      (await b.call("PATCH", "/api/v1/groups/infra/tasks/00000000-0000-4000-8000-000000000000", { state: "done" }))
        .status,
    ).toBe(404);

    // The public page: purpose, members, open tasks; no script.
    const page = await fetch(`${b.origin}/groups/infra`, { headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("Shared infrastructure");
    expect(text).toContain("Run a shared backup service.");
    expect(text).toContain(a.actor);
    expect(text).not.toContain(mastodon.actorUri);
    expect(text).toContain("1 task open");
    expect(text).not.toContain("<script");
    expect((await fetch(`${b.origin}/groups/nothing`)).status).toBe(404);
    const browser = await fetch(groupUri, { headers: { Accept: "text/html" }, redirect: "manual" });
    expect(browser.headers.get("location")).toBe("/groups/infra");

    // Leaving: an Undo of A's follow removes A from the group.
    const left = await a.call("DELETE", `/api/v1/following?actor=${encodeURIComponent(groupUri)}`);
    expect(left.status).toBe(204);
    await eventually(
      async () => roleOf(await groupOn(b, "infra"), a.actor) === undefined,
      DELIVERED_WITHIN_MS,
      "A left",
    );
  });
});
