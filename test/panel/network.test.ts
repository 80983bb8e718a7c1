import { afterEach, describe, expect, it } from "vitest";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { setUpThroughPanel } from "../helpers/panel-client.ts";

describe("the panel's network page", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => stopAll(a, b));

  it("adds a peer, shows it once it accepts, refuses a bad target, and removes it", { timeout: 120_000 }, async () => {
    a = await startInstance({ handle: null });
    b = await startInstance({ handle: "beta", name: "Beta Collective" });
    const admin = await setUpThroughPanel(a, { handle: "alpha" });

    const empty = await admin.get("/admin/network");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('href="/admin/network" aria-current="page"');

    const bad = await admin.post("/admin/network/peers", { target: "not a handle" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('value="not a handle"');
    expect(bad.html).toContain('aria-invalid="true"');

    const added = await admin.post("/admin/network/peers", { target: `${b.origin}/actors/beta` });
    expect(added.status).toBe(303);
    expect(added.location).toBe("/admin/network?done=peerAdded");
    const listed = await eventually(
      async () => {
        const page = await admin.get("/admin/network");
        return page.html.includes("Beta Collective") && page.html.includes("following") ? page : undefined;
      },
      30_000,
      "the peer to accept",
    );
    const confirmHref = `/admin/network/peers/remove?actor=${encodeURIComponent(`${b.origin}/actors/beta`)}`;
    expect(listed.html).toContain(`href="${confirmHref}"`);
    // The link asks first; the page posts the actor back.
    const confirm = await admin.get(confirmHref);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(`name="actor" value="${b.origin}/actors/beta"`);
    expect((await admin.get("/admin/network")).html).toContain("Beta Collective");

    const removed = await admin.post("/admin/network/peers/remove", { actor: `${b.origin}/actors/beta` });
    expect(removed.status).toBe(303);
    expect((await admin.get("/admin/network")).html).not.toContain("Beta Collective");
  });
});
