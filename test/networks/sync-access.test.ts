import "temporal-polyfill/global";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { afterEach, describe, expect, it } from "vitest";
import { idOf } from "../../src/domain/networks/objects.ts";
import { getSigned, postSigned, SignedHttpError } from "../../src/federation/networks/signed-http.ts";
import { forgedRsaKey, type HostileServer, hostileServer } from "../helpers/hostile-server.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { type Signer, signerOf } from "../helpers/signed-post.ts";
import { type Held, KEY, motionsWithBallots, portOf, replicaOf } from "./sync-replicas.ts";

// What every refused request gets, whatever the reason: nothing that tells a network exists or what it holds.
const HIDDEN = { error: { code: "not_found", message: "There is no such thing here." } };

describe("network-only material over HTTP", { timeout: 180_000 }, () => {
  let instances: TestInstance[] = [];
  let hostile: HostileServer | undefined;
  afterEach(async () => {
    await stopAll(...instances);
    instances = [];
    await hostile?.close();
    hostile = undefined;
  });

  /** B serves a network whose members are A and B; C is an outsider. */
  async function setUp() {
    const held: Held = { replica: undefined, members: new Set() };
    const b = await startInstance({ networkSync: portOf(held) });
    const a = await startInstance();
    const c = await startInstance();
    instances = [a, b, c];
    const actor = (i: TestInstance) => i.localActors.uri("provider").href;
    const id = `${a.origin}/networks/${KEY}`;
    const objects = motionsWithBallots(id, [actor(a), actor(b)], 3, 0);
    held.replica = replicaOf(id, actor(a), objects);
    held.members = new Set([actor(a), actor(b)]);
    const motion = objects[0]!;
    const base = `${b.origin}/networks/${KEY}`;
    const urls = {
      summary: `${base}/sync`,
      buckets: `${base}/sync/ballots`,
      ids: `${base}/sync/ballots/ids?limit=10`,
      object: `${base}/objects/${idOf(motion).slice(7)}`,
    };
    return {
      a,
      b,
      c,
      held,
      id,
      motion,
      base,
      urls,
      signers: { a: await signerOf(a, "provider"), c: await signerOf(c, "provider") },
    };
  }

  const signedGet = async (url: string, signer: Signer) =>
    fetch(
      await signRequest(
        new Request(url, { headers: { Accept: "application/activity+json" } }),
        signer.privateKey,
        signer.keyId,
      ),
    );

  const signedPost = async (url: string, body: object, signer: Signer) =>
    fetch(
      await signRequest(
        new Request(url, {
          method: "POST",
          headers: { "Content-Type": "application/activity+json" },
          body: JSON.stringify(body),
        }),
        signer.privateKey,
        signer.keyId,
      ),
    );

  async function expectHidden(response: Response) {
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(HIDDEN);
  }

  it("serves a current member everything it asks for", async () => {
    const { urls, signers, motion, id, base } = await setUp();
    const summary = (await getSigned(new URL(urls.summary), signers.a)) as Record<string, unknown>;
    expect(summary.network).toBe(id);
    expect(Object.keys(summary).sort()).toEqual(["digests", "founding", "network"]);
    expect(((await getSigned(new URL(urls.buckets), signers.a)) as { buckets: string[] }).buckets).toHaveLength(16);
    expect(((await getSigned(new URL(urls.ids), signers.a)) as { ids: string[] }).ids).toHaveLength(6);
    expect(await getSigned(new URL(urls.object), signers.a)).toMatchObject({
      type: "Motion",
      text: motion.type === "Motion" ? motion.text : "",
    });
    const objects = (await postSigned(new URL(`${base}/sync/objects`), { ids: [idOf(motion)] }, signers.a)) as {
      objects: unknown[];
      truncated: boolean;
    };
    expect(objects).toMatchObject({ truncated: false, objects: [{ id: `${id}/objects/${idOf(motion).slice(7)}` }] });
  });

  it("answers the same 404 to an unknown network, an unsigned request, an outsider and a suspended member", async () => {
    const { urls, signers, held, base, motion, a } = await setUp();
    for (const url of Object.values(urls)) {
      await expectHidden(await signedGet(url.replace(KEY, "00000000000000000000"), signers.a));
      await expectHidden(await signedGet(url.replace(KEY, "not-a-key"), signers.a));
      await expectHidden(await fetch(url, { headers: { Accept: "application/activity+json" } }));
      await expectHidden(await signedGet(url, signers.c));
    }
    await expectHidden(
      await fetch(`${base}/sync/objects`, { method: "POST", body: JSON.stringify({ ids: [idOf(motion)] }) }),
    );
    await expectHidden(await signedPost(`${base}/sync/objects`, { ids: [idOf(motion)] }, signers.c));
    // The record suspends A: the same requests that were served are refused at once.
    expect((await signedGet(urls.summary, signers.a)).status).toBe(200);
    held.members.delete(a.localActors.uri("provider").href);
    for (const url of Object.values(urls)) await expectHidden(await signedGet(url, signers.a));
    await expectHidden(await signedPost(`${base}/sync/objects`, { ids: [idOf(motion)] }, signers.a));
    await expect(getSigned(new URL(urls.summary), signers.a)).rejects.toMatchObject({
      name: "SignedHttpError",
      status: 404,
    });
    await expect(getSigned(new URL(urls.summary), signers.a)).rejects.toBeInstanceOf(SignedHttpError);
  });

  it("refuses a signature made with a key that is not the member's own", async () => {
    const { urls, signers, a, base, motion } = await setUp();
    const memberActor = a.localActors.uri("provider").href;
    // A key on another server whose document claims the member as its owner.
    hostile = await hostileServer();
    const forged = await forgedRsaKey(`${hostile.origin}/keys/1`, memberActor);
    hostile.serve("/keys/1", forged.doc);
    const claimed: Signer = { keyId: new URL(`${hostile.origin}/keys/1`), privateKey: forged.pair.privateKey };
    // The member's own key id, signed with another private key.
    const other = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    const wrong: Signer = { keyId: signers.a.keyId, privateKey: other.privateKey };
    for (const signer of [claimed, wrong]) {
      for (const url of Object.values(urls)) await expectHidden(await signedGet(url, signer));
      await expectHidden(await signedPost(`${base}/sync/objects`, { ids: [idOf(motion)] }, signer));
    }
    expect(hostile.hits.some((h) => h.url === "/keys/1")).toBe(true);
  });

  it("tells a member what is wrong with its parameters, and keeps bodies and pages within limits", async () => {
    const { signers, base } = await setUp();
    for (const path of [
      "sync/votes",
      "sync/ballots/ids?limit=0",
      "sync/ballots/ids?limit=5000",
      "sync/ballots/ids?buckets=g",
      "sync/ballots/ids?after=x",
    ]) {
      const response = await signedGet(`${base}/${path}`, signers.a);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid");
    }
    const tooMany = Array.from({ length: 201 }, (_, i) => `sha256:${i.toString(16).padStart(64, "0")}`);
    expect((await signedPost(`${base}/sync/objects`, { ids: tooMany }, signers.a)).status).toBe(400);
    const huge = { ids: ["sha256:".padEnd(71, "0")], padding: "x".repeat(70 * 1024) };
    expect((await signedPost(`${base}/sync/objects`, huge, signers.a)).status).toBe(413);
    const page = (await getSigned(new URL(`${base}/sync/ballots/ids?limit=4`), signers.a)) as {
      ids: string[];
      next: string;
    };
    expect(page.ids).toHaveLength(4);
    expect(page.next).toBe(page.ids[3]);
  });
});
