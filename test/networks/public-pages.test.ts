// The public network pages every member serves, as HTML and as JSON-LD: only public material, never
// motions, ballots or answers; 404 for a network this instance is not (or no longer) a member of.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { startApi, type ApiClient } from "../api/api-client.ts";
import { eventually, stopAll } from "../helpers/instance.ts";

const env = { NETWORK_MIN_WINDOW: "PT1S", NETWORK_SETTLE: "PT1S", NETWORK_SYNC_INTERVAL: "PT1S" };
const AP = { accept: "application/activity+json" };

const get = async (origin: string, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(new URL(path, origin), { headers });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    vary: res.headers.get("vary"),
    text: await res.text(),
  };
};

describe("public network pages", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("show a network's name, purpose, charter and members, and nothing members keep to themselves", {
    timeout: 120_000,
  }, async () => {
    api = await startApi({ env });
    const { origin } = api.instance;
    const self = `${origin}/actors/provider`;
    const founded = await api.call("POST", "/api/v1/networks", {
      name: "Hosting commons",
      purpose: "We host **movements**.<script>alert(1)</script>",
      charter: {
        questions: ["Who are you?"],
        rules: { expulsion: { window: "P21D", quorum: 0.66, threshold: 0.66, block: false } },
        pauseAfterMissed: 3,
      },
    });
    expect(founded.status).toBe(201);
    const { key, id, charter } = founded.body;
    const opened = await api.call("POST", `/api/v1/networks/${key}/motions`, {
      kind: "resolution",
      text: "A members-only motion text",
    });
    await api.call("POST", `/api/v1/networks/${key}/motions/${opened.body.key}/ballot`, {
      choice: "no",
      reason: "A members-only ballot reason",
    });

    const page = await get(origin, `/networks/${key}`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.vary).toContain("Accept");
    expect(page.text).toContain("<h1>Hosting commons</h1>");
    expect(page.text).toContain("We host <strong>movements</strong>.");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).toContain(
      "Open for 21 days. It passes when at least 66% of the members vote (abstentions count) and yes makes up more than 66% of the yes, no and block ballots. A block counts as a no.",
    );
    expect(page.text).toContain("<li>Who are you?</li>");
    expect(page.text).toContain(`<code>${key}</code>`);
    expect(page.text).toContain(`href="${self}"`);

    const doc = await get(origin, `/networks/${key}`, AP);
    expect(doc.status).toBe(200);
    expect(doc.type).toMatch(/^application\/activity\+json/);
    const json = JSON.parse(doc.text);
    expect(json["@context"][0]).toBe("https://www.w3.org/ns/activitystreams");
    expect(json["@context"][1]).toMatchObject({ Network: "ch:Network", key: "ch:networkKey" });
    const { "@context": _context, ...body } = json;
    expect(body).toEqual({
      id,
      type: "Network",
      key,
      name: "Hosting commons",
      summary: "<p>We host <strong>movements</strong>.&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
      url: `${origin}/networks/${key}`,
      founder: self,
      charter: {
        version: 1,
        digest: charter.digest,
        purpose: "We host **movements**.<script>alert(1)</script>",
        questions: ["Who are you?"],
        rules: charter.rules,
        pauseAfterMissed: 3,
      },
      members: `${origin}/networks/${key}/members`,
    });

    const members = await get(origin, `/networks/${key}/members`, AP);
    expect(JSON.parse(members.text)).toEqual({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${origin}/networks/${key}/members`,
      type: "OrderedCollection",
      totalItems: 1,
      orderedItems: [self],
    });

    // The list an applicant's instance reads before applying through this member.
    const list = await get(origin, "/networks", AP);
    const listed = JSON.parse(list.text);
    expect({ ...listed, "@context": undefined }).toEqual({
      "@context": undefined,
      id: `${origin}/networks`,
      type: "OrderedCollection",
      totalItems: 1,
      orderedItems: [
        {
          id,
          type: "Network",
          key,
          name: "Hosting commons",
          url: `${origin}/networks/${key}`,
          charter: body.charter,
          members: `${origin}/networks/${key}/members`,
        },
      ],
    });
    const listPage = await get(origin, "/networks");
    expect(listPage.text).toContain(`<a href="/networks/${key}"><strong>Hosting commons</strong></a>`);

    for (const text of [page.text, doc.text, members.text, list.text, listPage.text]) {
      expect(text).not.toContain("members-only");
      expect(text).not.toContain(opened.body.key);
    }

    for (const path of [
      "/networks/0123456789abcdef0123",
      "/networks/NOT-A-KEY",
      "/networks/0123456789abcdef0123/members",
    ]) {
      expect((await get(origin, path)).status, path).toBe(404);
      expect((await get(origin, path, AP)).status, path).toBe(404);
    }

    // Once this instance has left, it no longer speaks for the network.
    await api.call("POST", `/api/v1/networks/${key}/leave`);
    await eventually(async () => (await get(origin, `/networks/${key}`)).status === 404, 60_000, "the departure");
    expect(JSON.parse((await get(origin, "/networks", AP)).text).orderedItems).toEqual([]);
    expect((await get(origin, "/networks")).text).toContain("This instance does not belong to any network yet.");
  });
});
