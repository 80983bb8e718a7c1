// The mutual-aid, emergencies and closing-down panel pages, on two real instances A and B in one
// network: forms without JavaScript, each refusing a missing CSRF field (403) and showing what is wrong
// (422, 403 or 409, never a 500). B answers A's offer from its panel, A accepts and acts on the
// agreement with its buttons, and the balance of help shows what each gives and receives.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { signedInAdmin } from "../helpers/panel-client.ts";

const day = 24 * 3600 * 1000;

const operatorOf = (node: Node) => signedInAdmin(node.instance.services.database.db, node.origin);

const keyIn = (html: string, path: RegExp) => path.exec(html)?.[1];

describe("panel: mutual aid, emergencies, closing down", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("publishes, answers and acts on agreements, declares and resolves, announces; refuses bad forms", async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const network = await networkOf([a, b]);
    const networkId = (await a.call("GET", "/api/v1/networks")).body.items.find(
      (n: { key: string }) => n.key === network,
    ).id;
    const panelA = await operatorOf(a);
    const panelB = await operatorOf(b);

    // Publishing: without the CSRF field 403; bad fields 422, each named; then published.
    const page = await panelA.get("/admin/aid");
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="quantity.unit"');
    expect(page.html).not.toContain("<script");
    expect((await panelA.post("/admin/aid/proposals", { network: networkId }, { csrf: false })).status).toBe(403);
    const bad = await panelA.post("/admin/aid/proposals", {
      network: networkId,
      purpose: "offer",
      resource: "backup-space",
      "quantity.value": "-3",
      "quantity.unit": "TB",
      from: "",
      audience: "network",
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('class="error-summary"');
    expect(bad.html).toContain('href="#f-quantity-value"');
    expect(bad.html).toContain('href="#f-from"');
    const today = new Date(Date.now() - day).toISOString().slice(0, 10);
    const until = new Date(Date.now() + 30 * day).toISOString().slice(0, 10);
    const published = await panelA.post("/admin/aid/proposals", {
      network: networkId,
      purpose: "offer",
      resource: "backup-space",
      "quantity.value": "3",
      "quantity.unit": "TB",
      from: today,
      until,
      region: "EU",
      audience: "network",
    });
    expect(published.status, published.html).toBe(303);

    // B sees it in its panel (filtered) and answers with a proposed agreement.
    const offerKey = await eventually(
      async () =>
        keyIn(
          (await panelB.get("/admin/aid?resource=backup-space")).html,
          /\/admin\/aid\/proposals\/([0-9a-f-]{36})\/respond/,
        ),
      DELIVERED_WITHIN_MS,
      "B's panel to list A's offer",
    );
    expect(
      keyIn((await panelB.get("/admin/aid?resource=storage")).html, /proposals\/([0-9a-f-]{36})\/respond/),
    ).toBeUndefined();
    // The words searched: its region finds it, a word it does not hold does not.
    expect((await panelB.get("/admin/aid?q=eu")).html).toContain(`/admin/aid/proposals/${offerKey}/respond`);
    expect((await panelB.get("/admin/aid?q=tokyo")).html).not.toContain(`/admin/aid/proposals/${offerKey}/respond`);
    const tooMuch = await panelB.post(`/admin/aid/proposals/${offerKey}/respond`, {
      "quantity.value": "9",
      message: "All of it.",
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.html).toContain('class="error-summary"');
    const answered = await panelB.post(`/admin/aid/proposals/${offerKey}/respond`, {
      "quantity.value": "2",
      message: "For our archives.",
    });
    expect(answered.status, answered.html).toBe(303);

    // A accepts it with its button; a renewal without a date and a breach without a reason are shown as errors.
    const agreementKey = await eventually(
      async () =>
        keyIn((await panelA.get("/admin/aid/agreements")).html, /\/admin\/aid\/agreements\/([0-9a-f-]{36})\/accept/),
      DELIVERED_WITHIN_MS,
      "A's panel to show the proposed agreement",
    );
    expect((await panelA.post(`/admin/aid/agreements/${agreementKey}/accept`, {}, { csrf: false })).status).toBe(403);
    expect((await panelA.post(`/admin/aid/agreements/${agreementKey}/accept`, {})).status).toBe(303);
    const active = await panelA.get("/admin/aid/agreements");
    expect(active.html).toContain(`/admin/aid/agreements/${agreementKey}/breach`);
    const noDate = await panelA.post(`/admin/aid/agreements/${agreementKey}/renew`, { until: "" });
    expect(noDate.status).toBe(422);
    expect(noDate.html).toContain('role="alert"');
    const noReason = await panelA.post(`/admin/aid/agreements/${agreementKey}/breach`, { reason: "" });
    expect(noReason.status).toBe(422);
    expect((await panelA.post(`/admin/aid/agreements/${agreementKey}/renewal-accept`, {})).status).toBe(409);
    const renewTo = new Date(Date.now() + 60 * day).toISOString().slice(0, 10);
    expect((await panelA.post(`/admin/aid/agreements/${agreementKey}/renew`, { until: renewTo })).status).toBe(303);
    expect((await panelA.post("/admin/aid/agreements/00000000-0000-7000-8000-000000000000/end", {})).status).toBe(404);
    expect((await panelA.post(`/admin/aid/agreements/${agreementKey}/explode`, {})).status).toBe(404);

    // The balance of help: A gives B backup space; B receives it.
    const balanceA = await panelA.get("/admin/aid/balance");
    expect(balanceA.status).toBe(200);
    expect(balanceA.html).toContain(b.actor);
    expect(balanceA.html).toContain("2 TB");
    const balanceB = await eventually(
      async () => {
        const res = await panelB.get("/admin/aid/balance");
        return res.html.includes("2 TB") ? res : undefined;
      },
      DELIVERED_WITHIN_MS,
      "B's balance to count the agreement",
    );
    expect(balanceB.html).toContain(a.actor);

    // Emergencies: CSRF, bad fields, speaking for an outsider refused with the reason; B is A's partner.
    expect((await panelA.get("/admin/emergencies")).status).toBe(200);
    expect((await panelA.post("/admin/emergencies", { kind: "outage" }, { csrf: false })).status).toBe(403);
    const invalid = await panelA.post("/admin/emergencies", { kind: "flood", summary: "", needs: "x" });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('href="#f-kind"');
    const outsider = await panelA.post("/admin/emergencies", {
      kind: "outage",
      summary: "Down.",
      needs: "Help.",
      onBehalfOf: "https://stranger.example/actors/x",
    });
    expect(outsider.status).toBe(403);
    expect(outsider.html).toContain("is not a current member");
    const declared = await panelA.post("/admin/emergencies", {
      kind: "outage",
      summary: "Beta is down.",
      needs: "A spare server.",
      onBehalfOf: b.actor,
    });
    expect(declared.status, declared.html).toBe(303);
    const list = await panelA.get("/admin/emergencies");
    const emergencyKey = keyIn(list.html, /\/admin\/emergencies\/([0-9a-f-]{36})\/resolve/);
    expect(emergencyKey).toBeDefined();
    expect((await panelA.post(`/admin/emergencies/${emergencyKey}/resolve`, {})).status).toBe(303);
    expect((await panelA.post(`/admin/emergencies/${emergencyKey}/resolve`, {})).status).toBe(400);

    // Closing down: CSRF, a date that is not one, oneself as successor; succession answers that do not exist.
    expect((await panelA.get("/admin/shutdown")).status).toBe(200);
    expect((await panelA.post("/admin/shutdown", { effective: "2030-01-01" }, { csrf: false })).status).toBe(403);
    const noDay = await panelA.post("/admin/shutdown", { effective: "someday", successor: b.actor, message: "Bye." });
    expect(noDay.status).toBe(422);
    expect(noDay.html).toContain('href="#f-effective"');
    const self = await panelA.post("/admin/shutdown", { effective: "2030-01-01", successor: a.actor, message: "Bye." });
    expect(self.status).toBe(422);
    expect(self.html).toContain('href="#f-successor"');
    const missing = await panelA.post("/admin/shutdown/successions/00000000-0000-7000-8000-000000000000/accept", {});
    expect(missing.status).toBe(404);
    // Announced from the panel, B's panel lists the succession request, and B accepts it.
    expect(
      (await panelA.post("/admin/shutdown", { effective: "2030-01-01", successor: b.actor, message: "Bye." })).status,
    ).toBe(303);
    expect((await panelA.get("/admin/shutdown")).html).toContain("/admin/shutdown/withdraw");
    const requestKey = await eventually(
      async () =>
        keyIn((await panelB.get("/admin/shutdown")).html, /\/admin\/shutdown\/successions\/([0-9a-f-]{36})\/accept/),
      DELIVERED_WITHIN_MS,
      "B's panel to list the succession request",
    );
    expect((await panelB.post(`/admin/shutdown/successions/${requestKey}/accept`, {})).status).toBe(303);
    expect((await panelB.post(`/admin/shutdown/successions/${requestKey}/accept`, {})).status).toBe(409);
    expect((await panelA.post("/admin/shutdown/withdraw", {})).status).toBe(303);
    expect((await panelA.post("/admin/shutdown/withdraw", {})).status).toBe(404);
  });
});
