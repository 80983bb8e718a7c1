// The panel's pages that involve another instance, between two real instances on 127.0.0.1: a change
// proposed by a follower is read as a diff and decided in the author's panel, and the proposer's panel
// shows the outcome; a working group founded in one panel is joined from the other's, and its
// applicant approved and its tasks kept in the first.
import { afterEach, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, found, type Node, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { PASSWORD, signIn, type PanelClient } from "../helpers/panel-client.ts";

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read in the shape each test expects
type Json = any;

async function panelOf(node: Node): Promise<PanelClient> {
  const made = await createOperator(node.instance.services.database.db, {
    username: "writer",
    password: PASSWORD,
    role: "admin",
  });
  expect(made.ok).toBe(true);
  const { client, response } = await signIn(node.origin, "writer");
  expect(response.status).toBe(303);
  return client;
}

/** A panel page's HTML once `ready` holds for it (something delivered from the other instance shows). */
const pageWhen = (panel: PanelClient, path: string, ready: (html: string) => boolean, what: string) =>
  eventually(
    async () => {
      const { html } = await panel.get(path);
      return ready(html) ? html : undefined;
    },
    DELIVERED_WITHIN_MS,
    what,
  );

describe("the panel's proposals and working groups between instances", () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("decides a proposed change from its diff, and the proposer's panel shows the outcome", {
    timeout: 180_000,
  }, async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const [panelA, panelB] = [await panelOf(a), await panelOf(b)];
    expect((await b.call("POST", "/api/v1/following", { target: a.actor })).status).toBe(202);
    await eventually(
      async () => (await b.call("GET", "/api/v1/following")).body.items[0]?.state === "accepted",
      DELIVERED_WITHIN_MS,
      "B's follow to be accepted",
    );
    const body = "# Backups\n\nWe copy every night.\nWe keep thirty days.\n";
    const created = await a.call("POST", "/api/v1/docs", { title: "Backups", body, lang: "en", audience: "public" });
    expect(created.status).toBe(201);
    const { id, key } = created.body;
    await eventually(
      async () => (await b.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`)).status === 200,
      DELIVERED_WITHIN_MS,
      "B to hold A's document",
    );

    const empty = await panelA.get("/admin/docs/proposals");
    expect(empty.html).toContain("No proposed changes received.");
    const proposed = await b.call("POST", "/api/v1/docs/proposals", {
      doc: id,
      body: body.replace("thirty", "ninety"),
      message: "Keep three months.",
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const offered = await eventually(
      async () =>
        (await a.call("GET", "/api/v1/docs/proposals")).body.items.find((p: Json) => p.id === proposed.body.id),
      DELIVERED_WITHIN_MS,
      "A to receive B's proposal",
    );

    const list = await panelA.get("/admin/docs/proposals");
    expect(list.html).toContain(`href="/admin/docs/proposals/${offered.key}">Backups</a>`);
    expect(list.html).toContain("Keep three months.");
    const page = await panelA.get(`/admin/docs/proposals/${offered.key}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<del>thirty</del>");
    expect(page.html).toContain("<ins>ninety</ins>");
    expect(page.html).toContain('value="accept"');

    const action = `/admin/docs/proposals/${offered.key}/decide`;
    expect((await panelA.post(action, { decision: "accept" }, { csrf: false })).status).toBe(403);
    const undecided = await panelA.post(action, { decision: "maybe" });
    expect(undecided.status).toBe(422);
    expect(undecided.html).toContain("Choose to accept or to reject.");
    const accepted = await panelA.post(action, { decision: "accept", reason: "" });
    expect(accepted.status, accepted.html.slice(0, 2000)).toBe(303);
    expect(accepted.location).toBe("/admin/docs/proposals?done=accepted");
    const twice = await panelA.post(action, { decision: "reject", reason: "" });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain("This proposal is already accepted.");
    const docPage = await panelA.get(`/admin/docs/${key}`);
    expect(docPage.html).toContain('data-revision="2"');
    expect(docPage.html).toContain(`proposed change accepted by ${a.actor}`);

    // A second one, written in B's panel from its replica's page, rejected with a reason; the
    // proposer's panel lists both with their outcome.
    const replica = await eventually(
      async () => {
        const held = (await b.call("GET", `/api/v1/docs/${encodeURIComponent(id)}`)).body;
        return held.number === 2 ? held : undefined;
      },
      DELIVERED_WITHIN_MS,
      "B to hold the accepted revision",
    );
    const replicaKey = replica.key as string;
    const replicaPage = await panelB.get(`/admin/docs/${replicaKey}`);
    expect(replicaPage.html).toContain(`href="/admin/docs/proposals/new?doc=${replicaKey}"`);
    expect(replicaPage.html).not.toContain(`href="/admin/docs/${replicaKey}/edit"`);
    const form = await panelB.get(`/admin/docs/proposals/new?doc=${replicaKey}`);
    expect(form.status).toBe(200);
    const base = /name="base" value="(sha256:[0-9a-f]{64})"/.exec(form.html)?.[1];
    expect(base).toBeDefined();
    const proposeAction = `/admin/docs/proposals/new?doc=${replicaKey}`;
    const changed = `${body.replace("thirty", "ninety")}And never test restores.\n`;
    const preview = await panelB.post(proposeAction, { body: changed, message: "", base: base!, _action: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.html).toMatch(/diff-line insert">.*And never test restores\./);
    const noChange = await panelB.post(proposeAction, {
      body: replica.body,
      message: "x",
      base: base!,
      _action: "send",
    });
    expect(noChange.status).toBe(422);
    expect(noChange.html).toContain("The proposed change changes nothing.");
    const noMessage = await panelB.post(proposeAction, { body: changed, message: " ", base: base!, _action: "send" });
    expect(noMessage.status).toBe(422);
    expect(noMessage.html).toContain('id="f-message-error"');
    expect(
      (
        await panelB.post(
          action,
          { body: changed, message: "Less work.", base: base!, _action: "send" },
          { csrf: false },
        )
      ).status,
    ).toBe(403);
    const sent = await panelB.post(proposeAction, {
      body: changed,
      message: "Less work.",
      base: base!,
      _action: "send",
    });
    expect(sent.status, sent.html.slice(0, 2000)).toBe(303);
    expect(sent.location).toBe("/admin/docs/proposals?done=proposed");
    const second = {
      body: (await b.call("GET", "/api/v1/docs/proposals")).body.items.find((p: Json) => p.message === "Less work."),
    };
    expect(second.body).toBeDefined();
    const secondOnA = await eventually(
      async () => (await a.call("GET", "/api/v1/docs/proposals")).body.items.find((p: Json) => p.id === second.body.id),
      DELIVERED_WITHIN_MS,
      "A to receive the second proposal",
    );
    const rejected = await panelA.post(`/admin/docs/proposals/${secondOnA.key}/decide`, {
      decision: "reject",
      reason: "We test restores monthly.",
    });
    expect(rejected.location).toBe("/admin/docs/proposals?done=rejected");
    await eventually(
      async () => {
        const sent = (await panelB.get("/admin/docs/proposals")).html;
        const part = sent.slice(sent.indexOf('id="sent-title"'));
        return part.includes("<strong>accepted</strong>") && part.includes("<strong>rejected</strong>");
      },
      DELIVERED_WITHIN_MS,
      "B's panel to show both outcomes",
    );
    const sentPage = await panelB.get(`/admin/docs/proposals/${second.body.key}`);
    expect(sentPage.html).toContain("We test restores monthly.");
    expect(sentPage.html).not.toContain('value="accept"');
  });

  it("founds a group, is joined from the other panel, approves the applicant and keeps tasks", {
    timeout: 180_000,
  }, async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const [panelA, panelB] = [await panelOf(a), await panelOf(b)];
    const noNetwork = await panelA.get("/admin/groups");
    expect(noNetwork.html).toContain("this provider is not a member of any yet");
    const network = await found(a);

    const groups = await panelA.get("/admin/groups");
    expect(groups.html).toContain('href="/admin/groups" aria-current="page"');
    expect(groups.html).toContain(`<option value="${network.key}"`);
    const fields = { network: network.key, handle: "ops", name: "Operations", purpose: "Keep things running." };
    expect((await panelA.post("/admin/groups", fields, { csrf: false })).status).toBe(403);
    const noName = await panelA.post("/admin/groups", { ...fields, name: "" });
    expect(noName.status).toBe(422);
    expect(noName.html).toContain('class="error-summary"');
    expect(noName.html).toContain('id="f-name-error"');
    const bad = await panelA.post("/admin/groups", { ...fields, handle: "Not ok!" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("1 to 30 lowercase letters, digits or underscores.");
    const made = await panelA.post("/admin/groups", fields);
    expect(made.status, made.html.slice(0, 2000)).toBe(303);
    expect(made.location).toBe("/admin/groups/ops?done=created");
    const taken = await panelA.post("/admin/groups", fields);
    expect(taken.status).toBe(422);
    expect(taken.html).toContain("This username is taken.");

    // B, outside the network, joins by handle from its panel: an applicant until approved.
    const host = new URL(a.origin).host;
    const nonsense = await panelB.post("/admin/groups/join", { group: "not a handle" });
    expect(nonsense.status).toBe(422);
    expect(nonsense.html).toContain("A handle such as @provider@example.org, or an https URL.");
    const joined = await panelB.post("/admin/groups/join", { group: `@ops@${host}` });
    expect(joined.status, joined.html.slice(0, 2000)).toBe(303);
    expect(joined.location).toBe("/admin/groups?done=joining");
    const applicant = await pageWhen(
      panelA,
      "/admin/groups/ops",
      (html) => html.includes(`data-member="${b.actor}"`) && html.includes("applicant"),
      "B to apply to the group",
    );
    expect(applicant).toContain("Make a member");
    expect((await panelA.post("/admin/groups/ops/members", { actor: b.actor }, { csrf: false })).status).toBe(403);
    const approved = await panelA.post("/admin/groups/ops/members", { actor: b.actor });
    expect(approved.location).toBe("/admin/groups/ops?done=approved#members-title");
    expect((await a.call("GET", "/api/v1/groups")).body.items[0].members).toEqual([
      expect.objectContaining({ actor: b.actor, role: "member" }),
    ]);

    // B's panel lists the group it joined on A, and its document form offers that group (and only
    // to B: A hosts the group without being in it); a group document is then published from B's panel.
    const groupUri = `${a.origin}/actors/ops`;
    expect((await panelA.get("/admin/groups")).html).toContain("This provider has not joined a working group");
    const joinedList = await pageWhen(
      panelB,
      "/admin/groups",
      (html) => html.includes(`data-joined="${groupUri}"`) && html.includes("· joined</li>"),
      "B's join of the group to be accepted",
    );
    expect(joinedList).toContain(`<code>@ops@${host}</code>`);
    expect((await panelA.get("/admin/docs/new")).html).not.toContain(`<option value="${groupUri}"`);
    const chooser = await panelB.get("/admin/docs/new");
    expect(chooser.html).toContain(`<option value="${groupUri}">Operations</option>`);
    const groupDoc = {
      title: "Runbook",
      summary: "",
      body: "# Runbook\n\nRestart the disks.\n",
      tags: "",
      lang: "en",
      audience: "group",
      network: "",
      group: groupUri,
      _action: "save",
    };
    const published = await panelB.post("/admin/docs/new", groupDoc);
    expect(published.status, published.html.slice(0, 2000)).toBe(303);
    expect(published.location).toMatch(/^\/admin\/docs\/[A-Za-z0-9_-]+\?done=written$/);
    const written = (await b.call("GET", "/api/v1/docs")).body.items.find((d: Json) => d.title === "Runbook");
    expect(written).toMatchObject({ audience: "group", group: groupUri });

    // Tasks: added, refused without a title, moved along.
    const noTitle = await panelA.post("/admin/groups/ops/tasks", { title: " ", assignee: "" });
    expect(noTitle.status).toBe(422);
    expect(noTitle.html).toContain('id="f-title-error"');
    expect(
      (await panelA.post("/admin/groups/ops/tasks", { title: "Renew", assignee: "" }, { csrf: false })).status,
    ).toBe(403);
    const added = await panelA.post("/admin/groups/ops/tasks", {
      title: "Renew the certificates",
      assignee: "@alice@example.org",
    });
    expect(added.location).toBe("/admin/groups/ops?done=taskAdded#tasks-title");
    const [task] = (await a.call("GET", "/api/v1/groups/ops/tasks")).body.items;
    expect(task).toMatchObject({ title: "Renew the certificates", assignee: "@alice@example.org", state: "open" });
    const wrongState = await panelA.post(`/admin/groups/ops/tasks/${task.id}/state`, { state: "finished" });
    expect(wrongState.status).toBe(422);
    expect(wrongState.html).toContain("state is open, doing or done.");
    const moved = await panelA.post(`/admin/groups/ops/tasks/${task.id}/state`, { state: "doing" });
    expect(moved.location).toBe("/admin/groups/ops?done=taskState#tasks-title");
    expect((await a.call("GET", "/api/v1/groups/ops/tasks")).body.items[0].state).toBe("doing");
    const page = await panelA.get("/admin/groups/ops");
    expect(page.html).toContain("assigned to @alice@example.org");
    expect(page.html).toMatch(/<option value="doing" selected>In progress<\/option>/);
    expect((await panelA.get("/admin/groups/nosuch")).status).toBe(404);
  });
});
