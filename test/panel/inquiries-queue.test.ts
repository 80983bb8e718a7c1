import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { receiveInquiry } from "../../src/domain/directory/inquiries.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { callApi } from "../api/api-client.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PASSWORD, type PanelClient, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

/** Posts a multipart form as a browser does, with the session cookie and the page's CSRF field. */
async function postFile(client: PanelClient, path: string, file: Blob, name = "logo.jpg") {
  const form = new FormData();
  form.append("_csrf", client.csrf);
  form.append("image", file, name);
  const response = await fetch(new URL(path, client.origin), {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "accept-language": "en" },
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

const inquiry = (db: TestInstance["services"]["database"]["db"], n: number) =>
  receiveInquiry(db, {
    activityId: `https://peer.example/actors/p#inquiries/${n}`,
    peerActorUri: "https://peer.example/actors/p",
    senderName: `Group ${n}`,
    senderEmail: `group${n}@example.org`,
    message: `We are group ${n} and need a mailing list.`,
    needs: "mailing list · 40 people",
  });

/** Dead letters as the queue leaves them after the last try (the queue itself is tested elsewhere). */
async function addDeadLetters(instance: TestInstance, ids: number[]) {
  for (const id of ids)
    await instance.services.database.rows(sql`
      insert into queue_dead_letters (message_id, payload, attempts, last_error, created_at)
      values (${id}, ${JSON.stringify({ commonhost: "profile.updated" })}::jsonb, 10, 'remote answered 500', now())`);
}

describe("panel: images, inquiries, queue", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  it("uploads a logo without JavaScript, strips its metadata, shows it on the public page, and refuses non-images", async () => {
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance);
    expect((await admin.get("/admin/profile/images")).status).toBe(200);
    const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#336699" } })
      .jpeg()
      .withExif({ IFD0: { Artist: "Someone Who Should Stay Unknown" } })
      .toBuffer();
    const saved = await postFile(admin, "/admin/profile/images/icon", new Blob([new Uint8Array(photo)]));
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/admin/profile/images?done=iconSaved");
    const page = await admin.get("/admin/profile/images?done=iconSaved");
    const src = /<img class="preview-icon" src="(\/media\/[0-9a-f]{64}\.jpg)"/.exec(page.html)?.[1];
    expect(src).toBeDefined();
    const bytes = Buffer.from(await (await fetch(new URL(src!, instance.origin))).arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.toString("latin1")).not.toContain("Should Stay Unknown");
    // The public page follows within a few seconds (the actor is cached).
    await eventually(
      async () =>
        (await (await fetch(instance!.origin, { headers: { "accept-language": "en" } })).text()).includes(
          `src="${src}"`,
        ),
      30_000,
      "the public page to show the logo",
    );

    // A text file named like an image is refused, with the reason next to the field.
    const fake = await postFile(admin, "/admin/profile/images/header", new Blob(["GIF89a but not really"]), "x.gif");
    expect(fake.status).toBe(422);
    expect(fake.html).toContain("not a PNG, JPEG, WebP or GIF image");
    expect(fake.html).toMatch(/<input id="f-header"[^>]*aria-invalid="true"/);
    // Without the CSRF field, nothing is stored.
    const form = new FormData();
    form.append("image", new Blob([new Uint8Array(photo)]), "logo.jpg");
    const forged = await fetch(new URL("/admin/profile/images/header", instance.origin), {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(forged.status).toBe(403);
    expect((await admin.get("/admin/profile/images")).html).not.toContain('class="preview-header"');
  });

  it("lists inquiries by state, moves them between states, and counts the new ones in the navigation and overview", async () => {
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance);
    const db = instance.services.database.db;
    const overviewEmpty = await admin.get("/admin");
    expect(overviewEmpty.html).toContain("Nothing is waiting for you.");
    await inquiry(db, 1);
    await inquiry(db, 2);

    const overview = await admin.get("/admin");
    expect(overview.html).toMatch(/data-attention="inquiries"><a href="\/admin\/inquiries">2 new inquiries/);
    expect(overview.html).toContain(">Inquiries (2 new)</a>");

    const list = await admin.get("/admin/inquiries");
    expect(list.html).toContain("Group 1");
    expect(list.html).toContain("Group 2");
    expect(list.html).toContain("mailing list · 40 people");
    const id = /action="\/admin\/inquiries\/([0-9a-f-]{36})\/state"/.exec(
      list.html.slice(list.html.indexOf("Group 1")),
    )![1]!;

    const answered = await admin.post(`/admin/inquiries/${id}/state`, { state: "answered", from: "new" });
    expect(answered.status).toBe(303);
    expect(answered.location).toBe("/admin/inquiries?state=new&done=answered");
    const after = await admin.get("/admin/inquiries?state=new&done=answered");
    expect(after.html).toContain("The inquiry is marked as answered.");
    expect(after.html).not.toContain("Group 1");
    expect(after.html).toContain(">Inquiries (1 new)</a>");
    expect((await admin.get("/admin/inquiries?state=answered")).html).toContain("Group 1");

    await admin.post(`/admin/inquiries/${id}/state`, { state: "archived", from: "answered" });
    expect((await admin.get("/admin/inquiries?state=answered")).html).not.toContain("Group 1");
    expect((await admin.get("/admin/inquiries?state=archived")).html).toContain("Group 1");
    await admin.post(`/admin/inquiries/${id}/state`, { state: "new", from: "archived" });
    expect((await admin.get("/admin/inquiries")).html).toContain(">Inquiries (2 new)</a>");

    expect((await admin.post(`/admin/inquiries/${id}/state`, { state: "deleted" })).status).toBe(400);
    expect(
      (await admin.post("/admin/inquiries/00000000-0000-4000-8000-000000000000/state", { state: "answered" })).status,
    ).toBe(404);
    expect((await admin.post(`/admin/inquiries/${id}/state`, { state: "answered" }, { csrf: false })).status).toBe(403);
  });

  it("shows the queue to admins with retry and drop, refuses editors, and answers the same through the API", async () => {
    instance = await startInstance({ handle: null, queue: false });
    const admin = await setUpThroughPanel(instance);
    await addDeadLetters(instance, [901, 902, 903]);

    const overview = await admin.get("/admin");
    expect(overview.html).toMatch(/data-attention="dead-letters"><a href="\/admin\/queue">3 deliveries were given up/);
    const page = await admin.get("/admin/queue");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<dt>Dead letters<\/dt><dd>3<\/dd>/);
    expect(page.html).toContain("event profile.updated");
    expect(page.html).toContain("remote answered 500");

    const retried = await admin.post("/admin/queue/dead/901/retry", {});
    expect(retried.status).toBe(303);
    expect(retried.location).toBe("/admin/queue?done=retried");
    const dropped = await admin.post("/admin/queue/dead/902/drop", {});
    expect(dropped.status).toBe(303);
    const rows = await instance.services.database.rows<{ n: number }>(
      sql`select (select count(*)::int from queue_messages) + 10 * (select count(*)::int from queue_dead_letters) as n`,
    );
    expect(rows[0]!.n).toBe(1 + 10 * 1);
    expect((await admin.post("/admin/queue/dead/902/drop", {})).status).toBe(404);
    expect((await admin.post("/admin/queue/dead/903/drop", {}, { csrf: false })).status).toBe(403);

    // Editors see neither the page nor its actions, nor the dead letters on the overview.
    await createOperator(instance.services.database.db, { username: "ed", password: PASSWORD, role: "editor" });
    const { client: editor } = await signIn(instance.origin, "ed");
    expect((await editor.get("/admin/queue")).status).toBe(403);
    expect((await editor.get("/admin")).html).not.toContain('data-attention="dead-letters"');
    expect((await editor.get("/admin")).html).not.toContain('href="/admin/queue"');
    expect((await editor.post("/admin/queue/dead/903/drop", {})).status).toBe(403);

    // The API: a token is needed, and it answers what the page shows.
    const created = await createToken(instance.services.database.db, "ops");
    if (!created.ok) throw new Error("no token");
    const token = created.value.token;
    expect((await callApi(instance.origin, undefined, "GET", "/api/v1/queue")).status).toBe(401);
    const queue = await callApi(instance.origin, token, "GET", "/api/v1/queue");
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ queued: 1, deadLetters: 1, dead: [{ id: 903, attempts: 10 }] });
    expect(queue.body.dead[0].description).toBe("event profile.updated");
    const retry = await callApi(instance.origin, token, "POST", "/api/v1/queue/dead/903/retry");
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(903);
    expect((await callApi(instance.origin, token, "POST", "/api/v1/queue/dead/903/drop")).status).toBe(404);
    expect((await callApi(instance.origin, token, "GET", "/api/v1/queue")).body).toMatchObject({
      queued: 2,
      deadLetters: 0,
      dead: [],
    });
    await addDeadLetters(instance, [904]);
    expect((await callApi(instance.origin, token, "POST", "/api/v1/queue/dead/904/drop")).status).toBe(204);
  });
});
