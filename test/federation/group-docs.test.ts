// Group-only documents and members-only notes between real instances on 127.0.0.1. B hosts a working
// group of a network of A, B and C; A and C join it, B (the host) is in the network but not in the
// group. A's group document is relayed by the group to its members only (C, and a Mastodon account made
// a member), never to a follower that is not a member; it is served to a signed member only.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { signedBy } from "../helpers/network-documents.ts";
import { DELIVERED_WITHIN_MS, networkOf, type Node, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { followedByMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";
import { signedRequest, signerOf } from "../helpers/signed-post.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

const roleOf = async (host: Node, actor: string) => {
  const { body } = await host.call("GET", "/api/v1/groups");
  return (body.items[0]?.members as Json[] | undefined)?.find((m) => m.actor === actor)?.role;
};

async function heldOn(node: Node, id: string): Promise<Json | undefined> {
  const res = await node.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`);
  return res.status === 200 ? res.body : undefined;
}

const announced = (server: RemoteServer, object: string) =>
  server.posted.find((p) => p.type === "Announce" && p.object === object);

/** A Note posted by `author` to the group's inbox, addressed to `to`. */
async function postNote(author: Node, inbox: string, to: string[], text: string): Promise<string> {
  const noteId = `${author.origin}/notes/${crypto.randomUUID()}`;
  const create = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${noteId}/activity`,
    type: "Create",
    actor: author.actor,
    to,
    object: {
      id: noteId,
      type: "Note",
      attributedTo: author.actor,
      content: `<p>${text}</p>`,
      to,
      audience: to.at(-1),
    },
  };
  const res = await fetch(
    await signedRequest(inbox, JSON.stringify(create), await signerOf(author.instance, author.handle)),
  );
  expect(res.status).toBe(202);
  return noteId;
}

describe("group-only documents and members-only notes between instances", () => {
  let nodes: Node[] | undefined;
  const stands: RemoteServer[] = [];
  afterEach(async () => {
    for (const s of stands.splice(0)) await s.close();
    await stopNodes(nodes);
  });

  it("a group-only document is refused to a member of the network who is not in the group", {
    timeout: 300_000,
  }, async () => {
    nodes = await startNodes(3, { env: { ALLOW_PRIVATE_ADDRESS: "true" } });
    const [a, b, c] = nodes as [Node, Node, Node];
    const key = await networkOf([b, a, c]);
    const host = new URL(b.origin).host;
    expect(
      (await b.call("POST", "/api/v1/groups", { network: key, handle: "infra", name: "Infra", purpose: "Backups." }))
        .status,
    ).toBe(201);
    const group = `${b.origin}/actors/infra`;
    for (const member of [a, c]) {
      expect((await member.call("POST", "/api/v1/groups/join", { group: `@infra@${host}` })).status).toBe(202);
      await eventually(async () => (await roleOf(b, member.actor)) === "member", DELIVERED_WITHIN_MS, "a member");
      await eventually(
        async () =>
          (await member.call("GET", "/api/v1/following")).body.items.some(
            (f: Json) => f.actorUri === group && f.state === "accepted",
          ),
        DELIVERED_WITHIN_MS,
        "the group's Accept",
      );
    }
    // A Mastodon account made a member, and one that only follows the group's public output.
    const mastodonMember = await followedByMastodonLike(b.instance, "infra");
    const follower = await followedByMastodonLike(b.instance, "infra");
    stands.push(mastodonMember, follower);
    expect((await b.call("POST", "/api/v1/groups/infra/members", { actor: mastodonMember.actorUri })).status).toBe(204);

    // The group lists its members with the handles to mention them by.
    const listed = (await b.call("GET", "/api/v1/groups")).body.items[0].members as Json[];
    expect(listed.find((m) => m.actor === a.actor)).toMatchObject({
      role: "member",
      handle: `@${a.handle}@${new URL(a.origin).host}`,
    });
    const page = await (await fetch(`${b.origin}/groups/infra`, { headers: { "Accept-Language": "en" } })).text();
    expect(page).toContain(`@${a.handle}@${new URL(a.origin).host}`);

    // B is not in the group: it cannot write for it.
    const outside = await b.call("POST", "/api/v1/docs", {
      title: "x",
      body: "x",
      lang: "en",
      audience: "group",
      group,
    });
    expect(outside.status).toBe(404);

    const secret = "The backup disks are in the Lyon rack, shelf 3.";
    const created = await a.call("POST", "/api/v1/docs", {
      title: "Backup runbook",
      summary: "Where the disks are",
      body: `# Backup runbook\n\n${secret}\n`,
      lang: "en",
      tags: ["backups"],
      audience: "group",
      group,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body;

    const replica = await eventually(() => heldOn(c, id), DELIVERED_WITHIN_MS, "C to hold A's group document");
    expect(replica).toMatchObject({ id, author: a.actor, local: false, audience: "group", group, network: null });
    expect(replica.body).toContain(secret);
    await eventually(() => announced(mastodonMember, id), DELIVERED_WITHIN_MS, "the relay to the Mastodon member");
    expect(announced(mastodonMember, id)!.to).not.toContain(PUBLIC);

    // A member reads the Article, addressed to the group, never to the public.
    const asMember = await signedBy(c, id);
    expect(asMember.status).toBe(200);
    const article = (await asMember.json()) as Json;
    expect(article).toMatchObject({ type: "Article", id, audience: group, to: [group] });
    expect(JSON.stringify(article)).not.toContain(PUBLIC);
    // B, in the network but not in the group, and an unsigned request: the 404 of an unknown key.
    for (const res of [await signedBy(b, id), await fetch(id, { headers: { Accept: "application/activity+json" } })]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(secret);
    }
    expect(await heldOn(b, id)).toBeUndefined();
    // The members collection is the host's answer to members only.
    const members = await signedBy(a, `${group}/members`);
    expect(members.status).toBe(200);
    expect(((await members.json()) as Json).orderedItems).toEqual(
      expect.arrayContaining([a.actor, c.actor, mastodonMember.actorUri]),
    );
    expect((await signedBy(b, `${group}/members`)).status).toBe(404);
    expect((await fetch(`${group}/members`)).status).toBe(404);

    // C's library finds it by group; B's never has it.
    const found = await c.call("GET", `/api/v1/library?q=runbook&group=${encodeURIComponent(group)}`);
    expect(found.body.results.map((r: Json) => [r.id, r.group])).toEqual([[id, group]]);
    expect((await b.call("GET", "/api/v1/library?q=runbook")).body.total).toBe(0);

    // A new revision is relayed again.
    const revised = await a.call("PUT", `/api/v1/docs/${created.body.key}`, {
      title: "Backup runbook",
      body: `# Backup runbook\n\n${secret}\nThe spare is in Berlin.\n`,
      lang: "en",
      audience: "group",
      group,
    });
    expect(revised.body).toMatchObject({ number: 2, changed: true });
    await eventually(
      async () => (await heldOn(c, id))?.revision === revised.body.revision,
      DELIVERED_WITHIN_MS,
      "C to hold the second revision",
    );

    // A members-only note reaches the members; a public one every follower. The follower that is not a
    // member has the public one and nothing else.
    const inbox = `${b.origin}/inbox`;
    const membersOnly = await postNote(a, inbox, [group], "The rack code changed.");
    const open = await postNote(a, inbox, [PUBLIC, group], "Backups move on Monday.");
    await eventually(() => announced(mastodonMember, membersOnly), DELIVERED_WITHIN_MS, "the members-only relay");
    await eventually(() => announced(follower, open), DELIVERED_WITHIN_MS, "the public relay to the follower");
    expect(announced(mastodonMember, membersOnly)!.to).toEqual(expect.not.arrayContaining([PUBLIC]));
    expect(announced(follower, membersOnly)).toBeUndefined();
    expect(announced(follower, id)).toBeUndefined();
    expect(JSON.stringify(follower.posted)).not.toContain(secret);
  });
});
