// Roles as the operators' guide states them: editors handle the profile and announcements; the
// network (peers, and inquiries with people's names and emails) is for admins.
import { afterEach, describe, expect, it } from "vitest";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { receiveInquiry } from "../../src/domain/directory/inquiries.ts";
import { listPeers } from "../../src/federation/directory/peers.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PASSWORD, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

describe("what an editor may do in the panel", { timeout: 120_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => stopAll(a, b));

  it("does not show an editor the inquiries or let them add or remove peers; an admin may", async () => {
    a = await startInstance({ handle: null });
    b = await startInstance({ handle: "beta", name: "Beta Collective" });
    const admin = await setUpThroughPanel(a, { handle: "alpha" });
    await createOperator(a.services.database.db, { username: "eddie", password: PASSWORD, role: "editor" });
    await receiveInquiry(a.services.database.db, {
      senderName: "Ana Private",
      senderEmail: "ana.private@example.org",
      message: "We need email for 30 people.",
      activityId: "https://far.example/inquiries/1",
      peerActorUri: "https://far.example/actors/far",
    });
    const { client: editor, response } = await signIn(a.origin, "eddie");
    expect(response.status).toBe(303);

    // The editor's own pages work, and name no network page.
    const overview = await editor.get("/admin");
    expect(overview.status).toBe(200);
    expect(overview.html).not.toContain('href="/admin/network"');
    expect((await editor.get("/admin/profile")).status).toBe(200);
    expect((await editor.get("/admin/announcements")).status).toBe(200);

    const network = await editor.get("/admin/network");
    expect(network.status).toBe(403);
    expect(network.html).not.toContain("ana.private@example.org");
    expect(network.html).toContain("Only admins");
    expect((await editor.post("/admin/network/peers", { target: `${b.origin}/actors/beta` })).status).toBe(403);
    expect(await listPeers(a.services)).toEqual([]);
    const inquiries = await editor.get("/admin/inquiries");
    expect(inquiries.status).toBe(403);
    expect(inquiries.html).not.toContain("ana.private@example.org");
    expect(overview.html).not.toContain('href="/admin/inquiries"');

    // The admin sees the inquiry and adds the peer; the editor cannot remove it.
    expect((await admin.get("/admin/network")).status).toBe(200);
    const adminInquiries = await admin.get("/admin/inquiries");
    expect(adminInquiries.status).toBe(200);
    expect(adminInquiries.html).toContain("ana.private@example.org");
    expect((await admin.get("/admin")).html).toContain('href="/admin/network"');
    expect((await admin.post("/admin/network/peers", { target: `${b.origin}/actors/beta` })).status).toBe(303);
    expect(await listPeers(a.services)).toHaveLength(1);
    await editor.get("/admin/profile");
    expect((await editor.post("/admin/network/peers/remove", { actor: `${b.origin}/actors/beta` })).status).toBe(403);
    expect(await listPeers(a.services)).toHaveLength(1);
  });
});
