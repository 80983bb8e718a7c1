// The fork warning: raised when a decision this instance already showed changes, kept until an
// operator has read it, then cleared from the panel or the API; a later change raises a new one.
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { networkDecisionsShown } from "../../src/db/schema/index.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { callApi } from "../api/api-client.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { setUpThroughPanel } from "../helpers/panel-client.ts";

const env = { NETWORK_MIN_WINDOW: "PT1S", NETWORK_SETTLE: "PT1S", NETWORK_SYNC_INTERVAL: "PT1S" };
const OTHER_DIGEST = `sha256:${"0".repeat(64)}`;

describe("the fork warning", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  it("shows until an operator clears it, from the panel or the API, and comes back on the next change", {
    timeout: 120_000,
  }, async () => {
    instance = await startInstance({ handle: null, env });
    const admin = await setUpThroughPanel(instance);
    const { db } = instance.services.database;
    const token = await createToken(db, "tests");
    if (!token.ok) throw new Error("token creation failed");
    const api = (method: string, path: string, body?: unknown) =>
      callApi(instance!.origin, token.value.token, method, path, body);

    const founded = await api("POST", "/api/v1/networks", {
      name: "Hosting commons",
      purpose: "We host movements together.",
      charter: {
        questions: [],
        rules: { resolution: { window: "PT1S", quorum: 0.5, threshold: 0.5, block: true } },
        pauseAfterMissed: 0,
      },
    });
    expect(founded.status, JSON.stringify(founded.body)).toBe(201);
    const { key, id } = founded.body;

    /**
     * What a revision looks like from here: the founding as shown before differs from the one computed
     * now. The tick compares only when the record changes, so a resolution is decided after it.
     */
    const diverge = async (text: string) => {
      await eventually(async () => (await shownFounding()) !== undefined, 30_000, "the founding to be shown");
      await db
        .update(networkDecisionsShown)
        .set({ digest: OTHER_DIGEST })
        .where(and(eq(networkDecisionsShown.network, id), eq(networkDecisionsShown.seq, 0)));
      const motion = await api("POST", `/api/v1/networks/${key}/motions`, { kind: "resolution", text });
      expect(motion.status, JSON.stringify(motion.body)).toBe(201);
      await api("POST", `/api/v1/networks/${key}/motions/${motion.body.key}/ballot`, { choice: "yes" });
    };
    const shownFounding = async () =>
      (
        await db
          .select()
          .from(networkDecisionsShown)
          .where(and(eq(networkDecisionsShown.network, id), eq(networkDecisionsShown.seq, 0)))
      )[0];

    await diverge("Share one status page.");
    const warned = await eventually(
      async () => {
        const page = await admin.get(`/admin/networks/${key}`);
        return page.html.includes("The decision record changed") ? page : undefined;
      },
      60_000,
      "the fork warning on the network's page",
    );
    expect(warned.html).toContain(`Shown before: <code class="digest">${OTHER_DIGEST}</code>`);
    expect(warned.html).toContain(`action="/admin/networks/${key}/fork"`);

    const cleared = await admin.post(`/admin/networks/${key}/fork`, {});
    expect(cleared.status, cleared.html.slice(0, 1000)).toBe(303);
    expect(cleared.location).toBe(`/admin/networks/${key}?done=forkAcknowledged`);
    const after = await admin.get(cleared.location!);
    expect(after.html).toContain("The warning is cleared.");
    expect(after.html).not.toContain("The decision record changed");
    expect((await api("GET", "/api/v1/networks")).body.items[0].fork).toBeNull();

    // A later divergence raises a new warning, and the API clears it too.
    await diverge("Share a second status page.");
    const forked = await eventually(
      async () => {
        const listed = await api("GET", "/api/v1/networks");
        return listed.body.items[0]?.fork ?? undefined;
      },
      60_000,
      "a new fork warning",
    );
    expect(forked).toMatchObject({ seq: 0, theirs: OTHER_DIGEST });
    const acknowledged = await api("POST", `/api/v1/networks/${key}/fork/acknowledge`);
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    expect(acknowledged.body).toMatchObject({ key, fork: null });

    // Not an operator: no token, no change.
    const anonymous = await callApi(instance.origin, undefined, "POST", `/api/v1/networks/${key}/fork/acknowledge`);
    expect(anonymous.status).toBe(401);
  });
});
