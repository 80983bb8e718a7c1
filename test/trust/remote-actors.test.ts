import "temporal-polyfill/global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { listInteractions } from "../../src/domain/announcements/interactions.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { hostileActor, hostileServer, type HostileServer } from "../helpers/hostile-server.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { fingerprint, type Signer, signedRequest } from "../helpers/signed-post.ts";

// Two real actors on one hostile server: vera replies to and likes an announcement; mallory, with
// a valid signature of her own, tries to edit and withdraw what vera wrote.
describe("what a remote actor may change", { timeout: 90_000 }, () => {
  let a: TestInstance | undefined;
  let atk: HostileServer;
  let vera: { id: string; signer: Signer };
  let mallory: { id: string; signer: Signer };
  let announcementUrl: string;
  const limit = 4096;

  beforeAll(async () => {
    a = await startInstance({ handle: "alpha", env: { INBOX_MAX_BYTES: String(limit) } });
    atk = await hostileServer();
    vera = await hostileActor(atk, "vera");
    mallory = await hostileActor(atk, "mallory");
    const created = await createAnnouncement(
      a.services.database.db,
      { content: "Hello", language: "en" },
      (t) => tagUrl(a!.origin, t).href,
    );
    if (!created.ok) throw new Error("announcement");
    announcementUrl = `${a.origin}/announcements/${created.value.id}`;
  });
  afterAll(async () => {
    await atk?.close();
    await stopAll(a);
  });

  const context = "https://www.w3.org/ns/activitystreams";
  const note = (id: string, author: string, content: string) => ({
    id,
    type: "Note",
    attributedTo: author,
    inReplyTo: announcementUrl,
    content,
  });
  async function send(who: { signer: Signer }, activity: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify({ "@context": context, ...activity });
    const status = (await fetch(await signedRequest(`${a!.origin}/inbox`, body, who.signer))).status;
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 20_000, "an idle queue");
    return status;
  }
  const interactions = (kind: "reply" | "like") => listInteractions(a!.services.database.db, { limit: 10, kind });

  it("sanitises an edited reply", async () => {
    const id = `${vera.id}/notes/edited`;
    await send(vera, { id: `${id}#create`, type: "Create", actor: vera.id, object: note(id, vera.id, "<p>first</p>") });
    expect((await interactions("reply")).find((r) => r.remoteId === id)?.html).toBe("<p>first</p>");
    const edited = `<p>second</p><img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>`;
    await send(vera, { id: `${id}#update`, type: "Update", actor: vera.id, object: note(id, vera.id, edited) });
    const html = (await interactions("reply")).find((r) => r.remoteId === id)?.html ?? "";
    expect(html).toContain("second");
    expect(html).not.toMatch(/<img|<script|onerror|javascript:/);
  });

  it("lets no one else edit or delete a reply, or withdraw a like", async () => {
    const id = `${vera.id}/notes/kept`;
    const likeId = `${vera.id}/likes/kept`;
    await send(vera, { id: `${id}#create`, type: "Create", actor: vera.id, object: note(id, vera.id, "<p>mine</p>") });
    await send(vera, { id: likeId, type: "Like", actor: vera.id, object: announcementUrl });
    expect((await interactions("like")).map((l) => l.remoteId)).toContain(likeId);
    const before = await fingerprint(a!.services.database, ["kv_entries"]);

    // Mallory claims the note as hers, or edits it as vera's; deletes it; undoes and deletes the like.
    await send(mallory, {
      id: `${mallory.id}#u1`,
      type: "Update",
      actor: mallory.id,
      object: note(id, mallory.id, "<p>hers</p>"),
    });
    await send(mallory, {
      id: `${mallory.id}#u2`,
      type: "Update",
      actor: mallory.id,
      object: note(id, vera.id, "<p>hers</p>"),
    });
    await send(mallory, { id: `${mallory.id}#d1`, type: "Delete", actor: mallory.id, object: id });
    await send(mallory, {
      id: `${mallory.id}#undo`,
      type: "Undo",
      actor: mallory.id,
      object: { id: likeId, type: "Like", actor: mallory.id, object: announcementUrl },
    });
    await send(mallory, { id: `${mallory.id}#d2`, type: "Delete", actor: mallory.id, object: likeId });

    expect((await interactions("reply")).find((r) => r.remoteId === id)?.html).toBe("<p>mine</p>");
    expect((await interactions("like")).map((l) => l.remoteId)).toContain(likeId);
    // Nothing but Fedify's record of processed activities changed.
    const after = await fingerprint(a!.services.database, ["kv_entries"]);
    expect(after.interactions).toBe(before.interactions);
  });

  it("applies the size and shape limits to the personal inbox too", async () => {
    const inbox = `${a!.origin}/actors/alpha/inbox`;
    const big = JSON.stringify({ type: "Note", actor: vera.id, content: "x".repeat(limit * 2) });
    const tooLarge = await fetch(await signedRequest(inbox, big, vera.signer));
    expect(tooLarge.status).toBe(413);
    const noType = JSON.stringify({ id: `${vera.id}/x`, actor: vera.id, object: announcementUrl });
    const shapeless = await fetch(await signedRequest(inbox, noType, vera.signer));
    expect(shapeless.status).toBe(400);
    const body = (await shapeless.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.type).toMatch(/type/);
  });
});
