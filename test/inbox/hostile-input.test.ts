import "temporal-polyfill/global";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnnouncement } from "../../src/domain/announcements/announcements.ts";
import { listInteractions } from "../../src/domain/announcements/interactions.ts";
import { tagUrl } from "../../src/federation/mappers/note.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { fingerprint, signedRequest, signerOf, withBody, withHeader, type Signer } from "../helpers/signed-post.ts";

// A receives; B is a real remote actor whose key A can fetch. INBOX_MAX_BYTES is small so the
// size limit is cheap to hit.
describe("the inbox against hostile input", { timeout: 60_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let signer: Signer;
  let announcementUrl: string;
  const limit = 4096;

  beforeAll(async () => {
    a = await startInstance({ handle: "alpha", env: { INBOX_MAX_BYTES: String(limit) } });
    b = await startInstance({ handle: "beta" });
    signer = await signerOf(b, "beta");
    const created = await createAnnouncement(
      a.services.database.db,
      { content: "Hello", language: "en" },
      (t) => tagUrl(a!.origin, t).href,
    );
    if (!created.ok) throw new Error("announcement");
    announcementUrl = `${a.origin}/announcements/${created.value.id}`;
    // Let the announcement's own fan-out finish so that only the requests below could write.
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 15_000, "an idle queue");
  });
  afterAll(async () => stopAll(a, b));

  const like = (n = 1) =>
    JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${b!.origin}/actors/beta#likes/${n}`,
      type: "Like",
      actor: `${b!.origin}/actors/beta`,
      object: announcementUrl,
    });
  const inbox = () => `${a!.origin}/inbox`;
  // kv_entries is Fedify's cache: checking a signature made with the wrong key caches the real
  // actor's public key there (two entries), which is a fetch result, not a write of the activity.
  const state = () => fingerprint(a!.services.database, ["kv_entries"]);

  async function expectRefused(request: Request | (() => Promise<Response>), status: number): Promise<Response> {
    const before = await state();
    const response = typeof request === "function" ? await request() : await fetch(request);
    expect(response.status).toBe(status);
    expect(await state()).toEqual(before);
    expect((await fetch(`${a!.origin}/healthz`)).status).toBe(200);
    return response;
  }

  it("refuses an unsigned activity with 401", async () => {
    await expectRefused(
      new Request(inbox(), { method: "POST", headers: { "Content-Type": "application/activity+json" }, body: like() }),
      401,
    );
    await expectRefused(
      new Request(`${a!.origin}/actors/alpha/inbox`, {
        method: "POST",
        headers: { "Content-Type": "application/activity+json" },
        body: like(),
      }),
      401,
    );
  });

  it("refuses a signature made with another key than the actor's", async () => {
    const other = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    await expectRefused(
      await signedRequest(inbox(), like(), { keyId: signer.keyId, privateKey: other.privateKey }),
      401,
    );
  });

  it("refuses a body changed after signing, and a wrong digest", async () => {
    const signed = await signedRequest(inbox(), like(2), signer);
    const tampered = like(2).replace("Like", "Announce");
    await expectRefused(withBody(signed, tampered), 401);
    const again = await signedRequest(inbox(), like(3), signer);
    await expectRefused(
      withHeader(again, "Digest", "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", like(3)),
      401,
    );
  });

  it("refuses an activity signed by one actor in the name of another", async () => {
    const forged = JSON.stringify({
      ...JSON.parse(like(4)),
      id: `${a!.origin}/actors/alpha#likes/forged`,
      actor: `${a!.origin}/actors/alpha`,
    });
    await expectRefused(await signedRequest(inbox(), forged, signer), 401);
  });

  it("refuses malformed JSON with 400", async () => {
    const response = await expectRefused(
      new Request(inbox(), {
        method: "POST",
        headers: { "Content-Type": "application/activity+json" },
        body: '{"type": "Like",',
      }),
      400,
    );
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid");
    await expectRefused(new Request(inbox(), { method: "POST", body: "[1,2,3]" }), 400);
    await expectRefused(new Request(inbox(), { method: "POST", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 400);
  });

  it("refuses JSON that is not a usable activity with 400 and says why, even when signed", async () => {
    const noType = JSON.stringify({
      id: `${b!.origin}/x/1`,
      actor: `${b!.origin}/actors/beta`,
      object: announcementUrl,
    });
    const response = await expectRefused(await signedRequest(inbox(), noType, signer), 400);
    const body = (await response.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(body.error.fields.type).toMatch(/type/);
    const noActor = JSON.stringify({ id: `${b!.origin}/x/2`, type: "Like", object: announcementUrl });
    const second = (await (await expectRefused(await signedRequest(inbox(), noActor, signer), 400)).json()) as {
      error: { fields: Record<string, string> };
    };
    expect(second.error.fields.actor).toMatch(/actor/);
    const badActor = JSON.stringify({ type: "Like", actor: "javascript:alert(1)", object: announcementUrl });
    await expectRefused(new Request(inbox(), { method: "POST", body: badActor }), 400);
  });

  it("refuses a body over INBOX_MAX_BYTES with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ type: "Note", actor: `${b!.origin}/actors/beta`, content: "x".repeat(limit * 4) });
    await expectRefused(new Request(inbox(), { method: "POST", body: big }), 413);
    // Chunked, no Content-Length: refused once the limit is passed, before the rest is sent.
    await expectRefused(() => chunkedPost(inbox(), 64, 1024), 413);
  });

  it("processes the same activity delivered twice once", async () => {
    const first = await fetch(await signedRequest(inbox(), like(10), signer));
    expect(first.status).toBeLessThan(300);
    const second = await fetch(await signedRequest(inbox(), like(10), signer));
    expect(second.status).toBeLessThan(300);
    // Incoming activities go through the queue: wait for it to be idle, then count.
    await eventually(
      async () => (await listInteractions(a!.services.database.db, { limit: 10, kind: "like" })).length > 0,
      15_000,
      "the like",
    );
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 15_000, "an idle queue");
    const likes = await listInteractions(a!.services.database.db, { limit: 10, kind: "like" });
    expect(likes).toHaveLength(1);
    expect(likes[0]!.actorUri).toBe(`${b!.origin}/actors/beta`);
    expect((await fetch(`${a!.origin}/healthz`)).status).toBe(200);
  });
});

/** POSTs `chunks` chunks of `size` bytes with Transfer-Encoding: chunked, pausing between chunks. */
function chunkedPost(url: string, chunks: number, size: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { "Content-Type": "application/activity+json" } },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve(new Response(Buffer.concat(parts), { status: res.statusCode ?? 0 })));
      },
    );
    req.on("error", (e) => (req.writableEnded ? undefined : reject(e)));
    let sent = 0;
    const next = () => {
      if (req.destroyed) return;
      if (sent === chunks) return req.end();
      sent++;
      req.write(sent === 1 ? `{"type":"Note","content":"${"x".repeat(size - 20)}` : "x".repeat(size), () =>
        setTimeout(next, 5),
      );
    };
    next();
  });
}
