// Withdrawing one's own offer from the panel, on two real instances A and B in one network: a Withdraw
// button (a form with the CSRF field, no JavaScript) on A's own open offers only; without the field 403;
// once withdrawn it leaves A's page and B's, and withdrawing it again shows why it is refused (409).
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { signedInAdmin } from "../helpers/panel-client.ts";

const day = 24 * 3600 * 1000;

const operatorOf = (node: Node) => signedInAdmin(node.instance.services.database.db, node.origin);

const withdrawKey = (html: string) => /\/admin\/aid\/proposals\/([0-9a-f-]{36})\/withdraw/.exec(html)?.[1];

describe("panel: withdrawing an offer", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("withdraws one's own offer with its button, and fellow members stop showing it", async () => {
    nodes = await startNodes(2);
    const [a, b] = nodes as [Node, Node];
    const network = await networkOf([a, b]);
    const networkId = (await a.call("GET", "/api/v1/networks")).body.items.find(
      (n: { key: string }) => n.key === network,
    ).id;
    const panelA = await operatorOf(a);
    const panelB = await operatorOf(b);
    const published = await panelA.post("/admin/aid/proposals", {
      network: networkId,
      purpose: "offer",
      resource: "backup-space",
      "quantity.value": "3",
      "quantity.unit": "TB",
      from: new Date(Date.now() - day).toISOString().slice(0, 10),
      until: new Date(Date.now() + 30 * day).toISOString().slice(0, 10),
      audience: "network",
    });
    expect(published.status, published.html).toBe(303);
    await eventually(
      async () => ((await panelB.get("/admin/aid")).html.includes("/respond") ? true : undefined),
      DELIVERED_WITHIN_MS,
      "B to show A's offer",
    );
    // B, who did not write it, has no Withdraw button for it.
    expect(withdrawKey((await panelB.get("/admin/aid")).html)).toBeUndefined();

    const page = await panelA.get("/admin/aid");
    const key = withdrawKey(page.html);
    expect(key).toBeDefined();
    expect(page.html).toMatch(/\/withdraw" class="inline"><input type="hidden" name="_csrf"/);
    expect(page.html).not.toContain("<script");
    expect((await panelA.post(`/admin/aid/proposals/${key}/withdraw`, {}, { csrf: false })).status).toBe(403);

    const withdrawn = await panelA.post(`/admin/aid/proposals/${key}/withdraw`, {});
    expect(withdrawn.status, withdrawn.html).toBe(303);
    expect(withdrawKey((await panelA.get("/admin/aid")).html)).toBeUndefined();
    const again = await panelA.post(`/admin/aid/proposals/${key}/withdraw`, {});
    expect(again.status).toBe(409);
    expect(again.html).toContain("withdrawn by its author");
    await eventually(
      async () => ((await panelB.get("/admin/aid")).html.includes("/respond") ? undefined : true),
      DELIVERED_WITHIN_MS,
      "B to stop showing A's withdrawn offer",
    );
  });
});
