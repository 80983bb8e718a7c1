// Emergencies between real instances on 127.0.0.1: A, B and C form a network, D stays outside; B is
// down and A speaks for it (the charter lets any member). C lists it marked as on B's behalf, D hears nothing, A's follower (a
// Mastodon stand-in) gets a Note with a content warning pinned on A's profile; resolving unpins it and
// C sees it resolved.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, type TestInstance } from "../helpers/instance.ts";
import {
  charter,
  DELIVERED_WITHIN_MS,
  type Node,
  networkOf,
  networkOn,
  startNodes,
  stopNodes,
} from "../helpers/network-instances.ts";
import { followedByMastodonLike, type RemoteServer } from "../helpers/remote-server.ts";

// biome-ignore lint/suspicious/noExplicitAny: API and activity bodies are read in the shape each test expects
type Json = any;

/** The featured (pinned) collection's items, one or several. */
async function featured(a: TestInstance): Promise<string[]> {
  const response = await fetch(`${a.origin}/actors/alpha/featured`, {
    headers: { Accept: "application/activity+json" },
  });
  const items = ((await response.json()) as { orderedItems?: unknown }).orderedItems;
  const list = Array.isArray(items) ? items : items ? [items] : [];
  return list.map((i) => (typeof i === "string" ? i : (i as { id: string }).id));
}

const listOn = async (node: Node): Promise<Json[]> => (await node.call("GET", "/api/v1/emergencies")).body.items;

describe("emergencies", { timeout: 300_000 }, () => {
  let nodes: Node[] | undefined;
  let remote: RemoteServer | undefined;
  afterEach(async () => {
    await remote?.close();
    await stopNodes(nodes);
  });

  it("A speaks for B while B is down: the network hears it, D does not, A's followers see it pinned until resolved", async () => {
    // Every instance may reach the Mastodon stand-in on loopback too.
    nodes = await startNodes(4, { env: { ALLOW_PRIVATE_ADDRESS: "true" } });
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    // The charter lets any current member speak for another (emergencies-partners.test.ts: the default).
    const key = await networkOf([a, b, c], { ...charter(), onBehalf: "members" });
    expect((await networkOn(a, key))?.charter).toMatchObject({
      onBehalf: "members",
      watch: { k: 2, interval: null },
    });
    remote = await followedByMastodonLike(a.instance);

    // Refused before anything is stored: bad fields (named), and speaking for a non-member.
    const invalid = await a.call("POST", "/api/v1/emergencies", { kind: "flood", summary: " ", needs: "Help" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe("invalid");
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(["kind", "summary"]);
    const outsider = await a.call("POST", "/api/v1/emergencies", {
      kind: "outage",
      summary: "Delta is down.",
      needs: "Nothing.",
      onBehalfOf: d.actor,
    });
    expect(outsider.status).toBe(403);
    expect(Object.keys(outsider.body.error.fields)).toEqual(["onBehalfOf"]);
    expect(await listOn(a)).toEqual([]);

    await b.instance.stop();
    const declared = await a.call("POST", "/api/v1/emergencies", {
      kind: "seizure",
      summary: "Beta's server was seized this morning.",
      needs: "Mail hosting for **40** accounts.",
      onBehalfOf: b.actor,
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    const emergency = declared.body;
    expect(emergency).toMatchObject({
      kind: "seizure",
      subject: b.actor,
      declaredBy: a.actor,
      onBehalf: true,
      local: true,
      state: "open",
    });
    expect(emergency.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(emergency.id.startsWith(a.actor)).toBe(true);

    // C lists it, marked as declared on B's behalf by A.
    const onC = await eventually(
      async () => (await listOn(c)).find((e) => e.id === emergency.id),
      DELIVERED_WITHIN_MS,
      "C to list the emergency",
    );
    expect(onC).toMatchObject({ subject: b.actor, declaredBy: a.actor, onBehalf: true, local: false, state: "open" });
    expect(onC.onBehalfLabel).toBe(`Declared on behalf of ${b.actor} by ${a.actor}.`);
    expect(onC.needsHtml).toContain("<strong>40</strong>");
    // C cannot resolve what A declared.
    expect((await c.call("POST", `/api/v1/emergencies/${onC.key}/resolve`)).status).toBe(403);

    // A's follower gets a public Note with a content warning, marked as on behalf, pinned on A's profile.
    const create: Json = await eventually(
      () => remote!.posted.find((p: Json) => p.type === "Create" && p.object?.type === "Note"),
      DELIVERED_WITHIN_MS,
      "the Note to the follower",
    );
    expect(create.object.sensitive).toBe(true);
    expect(create.object.summary).toBe(
      `Emergency (seizure) declared on behalf of ${b.actor} by Alpha Hosting: Beta's server was seized this morning.`,
    );
    expect(create.object.content).toContain("<strong>40</strong>");
    expect(create.object.to).toContain("https://www.w3.org/ns/activitystreams#Public");
    expect(await featured(a.instance)).toEqual([create.object.id]);

    // D, outside the network, holds nothing (C, told at the same time, already has it).
    expect(await listOn(d)).toEqual([]);

    // A non-member's emergency is refused at C's inbox and nothing is stored.
    const forged = await remote.post("mastodon-follow.json", `${c.origin}/actors/gamma/inbox`, {}, (doc) => {
      doc.type = "Create";
      doc.object = {
        type: "Emergency",
        id: `${remote!.actorUri}#emergencies/1`,
        attributedTo: remote!.actorUri,
        emergencyKind: "outage",
        summary: "Not a member.",
        source: { content: "Anything.", mediaType: "text/markdown" },
        subject: remote!.actorUri,
        onBehalf: false,
        emergencyState: "open",
        published: new Date().toISOString(),
      };
    });
    expect(forged.status).toBe(403);
    expect((await listOn(c)).map((e) => e.id)).toEqual([emergency.id]);

    // Resolving: the note is deleted and unpinned, C sees it resolved; a second resolve is a conflict.
    const resolved = await a.call("POST", `/api/v1/emergencies/${emergency.key}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: "resolved", note: null });
    expect(await featured(a.instance)).toEqual([]);
    const deleted: Json = await eventually(
      () => remote!.posted.find((p: Json) => p.type === "Delete"),
      DELIVERED_WITHIN_MS,
      "the Delete of the note",
    );
    expect(deleted.object.id).toBe(create.object.id);
    const resolvedOnC = await eventually(
      async () => (await listOn(c)).find((e) => e.id === emergency.id && e.state === "resolved"),
      DELIVERED_WITHIN_MS,
      "C to see it resolved",
    );
    expect(resolvedOnC.resolvedAt).toBe(resolved.body.resolvedAt);
    expect((await a.call("POST", `/api/v1/emergencies/${emergency.key}/resolve`)).status).toBe(409);
  });
});
