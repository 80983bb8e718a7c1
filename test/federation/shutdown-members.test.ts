// A closing notice reaches the networks' members, not only followers: A, B and C form a network, A
// announces it closes with C as successor; B, which does not follow A, shows "closing on DATE, successor
// Gamma Hosting" on its page of the network. A withdraws it: B's page no longer says so. D, outside the
// network, is not told; a notice from a non-member is refused.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { findReplica } from "../../src/domain/directory/replica.repository.ts";
import { memberNoticeActivity } from "../../src/federation/shutdown/member-notice.ts";
import { heldNetworksRuntime } from "../../src/federation/networks/runtime.ts";
import { eventually } from "../helpers/instance.ts";
import { DELIVERED_WITHIN_MS, type Node, networkOf, startNodes, stopNodes } from "../helpers/network-instances.ts";
import { signedRequest } from "../helpers/signed-post.ts";

const day = 24 * 3600 * 1000;

const networkPage = async (node: Node, key: string) =>
  (await fetch(`${node.origin}/networks/${key}`, { headers: { Accept: "text/html", "Accept-Language": "en" } })).text();

describe("closing notice to network members", { timeout: 400_000 }, () => {
  let nodes: Node[] | undefined;
  afterEach(async () => stopNodes(nodes));

  it("shows on members' network pages until withdrawn", async () => {
    nodes = await startNodes(4);
    const [a, b, c, d] = nodes as [Node, Node, Node, Node];
    const key = await networkOf([a, b, c]);
    const effective = new Date(Date.now() + 200 * day);
    const announced = await a.call("POST", "/api/v1/shutdown", {
      effective: effective.toISOString(),
      successor: c.actor,
      message: "Export your mail.",
    });
    expect(announced.status, JSON.stringify(announced.body)).toBe(201);

    const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(effective);
    const closing = `Closing on ${date}, successor Gamma Hosting.`;
    await eventually(
      async () => ((await networkPage(b, key)).includes(closing) ? true : undefined),
      DELIVERED_WITHIN_MS,
      "B's network page to show A closing",
    );
    expect((await findReplica(b.instance.services.database.db, a.actor))?.closingSuccessor).toBe(c.actor);
    // D, outside the network, was not told.
    expect((await findReplica(d.instance.services.database.db, a.actor))?.closingAt ?? null).toBeNull();

    // A notice from D, not a member, is refused at B's inbox.
    const selfD = await heldNetworksRuntime(d.instance.services)?.self();
    if (!selfD) throw new Error("D has no networks runtime");
    const forged = memberNoticeActivity(`${d.actor}#closing`, d.actor, b.actor, {
      effective: effective.toISOString(),
      successor: c.actor,
    });
    const refused = await fetch(
      await signedRequest(`${b.origin}/actors/beta/inbox`, JSON.stringify(forged), selfD.httpKey),
    );
    expect(refused.status).toBe(403);

    // Withdrawn: B's page no longer says A is closing.
    expect((await a.call("DELETE", "/api/v1/shutdown")).status).toBe(200);
    await eventually(
      async () => ((await networkPage(b, key)).includes("Closing on") ? undefined : true),
      DELIVERED_WITHIN_MS,
      "B's network page to drop the notice",
    );
  });
});
