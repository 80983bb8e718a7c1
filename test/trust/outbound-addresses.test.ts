import "temporal-polyfill/global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverFrom } from "../../src/federation/directory/replication.ts";
import { fetchCollectionItems, getJson } from "../../src/federation/directory/peer-profile.ts";
import { addressPolicyOf } from "../../src/federation/trust/addresses.ts";
import { withAddressPolicy } from "../../src/federation/trust/outbound.ts";
import { hostileActor, hostileServer, type HostileServer } from "../helpers/hostile-server.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { recordingServer, type RecordingServer } from "../helpers/recording-server.ts";
import { signedRequest } from "../helpers/signed-post.ts";

// A may reach private addresses only for the hostile server's origin (ALLOW_PRIVATE_ORIGINS), so
// the tripwire, on another loopback port, stands for any private address: nothing may reach it.
describe("where the instance connects", { timeout: 90_000 }, () => {
  let a: TestInstance | undefined;
  let atk: HostileServer;
  let tripwire: RecordingServer;

  beforeAll(async () => {
    atk = await hostileServer();
    tripwire = await recordingServer(202);
    a = await startInstance({
      handle: "alpha",
      env: { ALLOW_PRIVATE_ADDRESS: "false", ALLOW_PRIVATE_ORIGINS: atk.origin, DELIVERY_RETRY_INITIAL_MS: "100" },
    });
  });
  afterAll(async () => {
    await atk?.close();
    await tripwire?.close();
    await stopAll(a);
  });

  it("does not follow a follower's inbox that redirects to another private address", async () => {
    const inbox = "/actors/mallory/inbox";
    atk.serve(inbox, {}, 307, `${tripwire.origin}/inbox`);
    const mallory = await hostileActor(atk, "mallory");
    const follow = JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${mallory.id}#follows/1`,
      type: "Follow",
      actor: mallory.id,
      object: `${a!.origin}/actors/alpha`,
    });
    expect((await fetch(await signedRequest(`${a!.origin}/actors/alpha/inbox`, follow, mallory.signer))).status).toBe(
      202,
    );
    // The Accept is tried, redirected, and tried again: by the second try the first redirect was dealt with.
    await eventually(
      () => atk.hits.filter((h) => h.method === "POST" && h.url === inbox).length >= 2,
      30_000,
      "two delivery attempts",
    );
    expect(tripwire.hits).toEqual([]);
  });

  it("refuses a host name that resolves to loopback, and a loopback address, when it connects", async () => {
    const policy = addressPolicyOf(a!.config);
    const port = new URL(tripwire.origin).port;
    for (const url of [`http://localhost:${port}/by-name`, `http://127.0.0.1:${port}/by-address`]) {
      const error = await withAddressPolicy(policy, () => fetch(url)).then(
        () => null,
        (e: Error) => e,
      );
      expect(String((error?.cause as Error | undefined)?.message)).toMatch(/not a public address/);
    }
    // The allowed origin is still reachable under the same policy.
    atk.serve("/ok", { ok: true });
    expect((await withAddressPolicy(policy, () => fetch(`${atk.origin}/ok`))).status).toBe(200);
    expect(tripwire.hits).toEqual([]);
  });

  it("checks directory fetches, URLs learnt from a peer's following included", async () => {
    const refused = await getJson(a!.services, `${tripwire.origin}/actors/peer`);
    expect(refused).toMatchObject({ error: expect.stringMatching(/refused URL/) });
    atk.serve("/following", {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${atk.origin}/following`,
      type: "OrderedCollection",
      orderedItems: [`${tripwire.origin}/actors/learnt`],
      next: `${tripwire.origin}/following?page=2`,
    });
    expect(await fetchCollectionItems(a!.services, `${atk.origin}/following`)).toEqual([
      `${tripwire.origin}/actors/learnt`,
    ]);
    const learnt = await discoverFrom(
      a!.services,
      { actorUri: `${atk.origin}/actors/peer`, following: `${atk.origin}/following` },
      1,
    );
    expect(learnt).toBe(0);
    expect(tripwire.hits).toEqual([]);
  });
});
