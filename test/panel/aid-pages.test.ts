// The mutual-aid panel page shows open offers and requests a page at a time, newest first, with links
// to older ones and back to the newest that keep the filters, as the API pages them.
import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { aidProposals } from "../../src/db/schema/index.ts";
import { createOperator } from "../../src/domain/accounts/accounts.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PASSWORD, signIn } from "../helpers/panel-client.ts";

const NETWORK = "https://peer.example/networks/0123456789abcdef0123";
const AUTHOR = "https://peer.example/actors/provider";

/** 25 open offers of backup space (numbered 0 to 24, a minute apart) and one of bandwidth. */
function offers() {
  return Array.from({ length: 26 }, (_, i) => {
    const id = `https://peer.example/aid/proposals/${i}`;
    const published = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    const resource = i === 25 ? "bandwidth" : "backup-space";
    const proposal = {
      id,
      author: AUTHOR,
      published,
      purpose: "offer" as const,
      resource,
      quantity: { value: i + 1, unit: "GB" },
      from: published,
      conditions: `Offer number ${i}.`,
      audience: "network" as const,
    };
    return {
      key: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      id,
      network: NETWORK,
      author: AUTHOR,
      local: false,
      purpose: "offer",
      resource,
      region: null,
      proposal,
      publishedAt: new Date(published),
      untilAt: null,
    };
  });
}

const numbers = (html: string) => [...html.matchAll(/Offer number (\d+)\./g)].map((m) => Number(m[1]));

describe("panel: pages of offers and requests", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  it("shows twenty at a time, newest first, and links older and newest pages with the filters", async () => {
    instance = await startInstance();
    const db = instance.services.database.db;
    await db.insert(aidProposals).values(offers());
    const created = await createOperator(db, { username: "alice", password: PASSWORD, role: "admin" });
    expect(created.ok).toBe(true);
    const { client } = await signIn(instance.origin, "alice");

    const first = await client.get("/admin/aid?resource=backup-space");
    expect(first.status).toBe(200);
    expect(numbers(first.html)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
    const older = /<a href="([^"]+)" rel="next">/.exec(first.html)?.[1]?.replaceAll("&amp;", "&");
    expect(older).toBe("/admin/aid?resource=backup-space&before=00000000-0000-4000-8000-000000000005");
    expect(first.html).not.toContain(">Newest<");

    const second = await client.get(older!);
    expect(second.status).toBe(200);
    expect(numbers(second.html)).toEqual([4, 3, 2, 1, 0]);
    expect(second.html).not.toContain('rel="next"');
    expect(second.html).toContain('<a href="/admin/aid?resource=backup-space">Newest</a>');

    // A `before` that is not a key is read as no page: the newest.
    expect(numbers((await client.get("/admin/aid?resource=backup-space&before=x")).html)[0]).toBe(24);
  });
});
