import "temporal-polyfill/global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileServer, type HostileServer } from "../helpers/hostile-server.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { fingerprint, signedRequest, signerOf, type Signer } from "../helpers/signed-post.ts";

// What an inbox refuses before any JSON-LD work or any fetch, and input that used to answer 500.
describe("an inbox before verification", { timeout: 90_000 }, () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  let atk: HostileServer;
  let signer: Signer;
  let beta: string;

  beforeAll(async () => {
    a = await startInstance({ handle: "alpha" });
    b = await startInstance({ handle: "beta" });
    atk = await hostileServer();
    signer = await signerOf(b, "beta");
    beta = `${b.origin}/actors/beta`;
  });
  afterAll(async () => {
    await atk?.close();
    await stopAll(a, b);
  });

  const state = () => fingerprint(a!.services.database, ["kv_entries"]);
  const unsigned = (url: string, body: string) =>
    new Request(url, { method: "POST", headers: { "Content-Type": "application/activity+json" }, body });

  async function refused(request: Request, status: number): Promise<{ code: string; message: string }> {
    const before = await state();
    const response = await fetch(request);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status).toBe(status);
    expect(await state()).toEqual(before);
    return body.error;
  }

  it("refuses a body nested thousands deep with 400, before anything else", async () => {
    const depth = 6000;
    const object = `${'{"type":"Note","content":'.repeat(depth)}"x"${"}".repeat(depth)}`;
    const body = `{"@context":"https://www.w3.org/ns/activitystreams","type":"Create","actor":"${beta}","object":${object}}`;
    for (const url of [`${a!.origin}/inbox`, `${a!.origin}/actors/alpha/inbox`]) {
      const error = await refused(unsigned(url, body), 400);
      expect(error.code).toBe("too_deep");
      expect(error.message).toMatch(/64 levels/);
    }
    expect((await refused(await signedRequest(`${a!.origin}/inbox`, body, signer), 400)).code).toBe("too_deep");
  });

  it("refuses a remote JSON-LD context with 400 and never fetches it, signed or not", async () => {
    const context = `${atk.origin}/context.jsonld`;
    atk.serve("/context.jsonld", { "@context": { x: "https://example.org/x" } });
    const body = JSON.stringify({
      "@context": ["https://www.w3.org/ns/activitystreams", context],
      id: `${beta}#likes/ctx`,
      type: "Like",
      actor: beta,
      object: `${a!.origin}/actors/alpha`,
    });
    const first = await refused(unsigned(`${a!.origin}/inbox`, body), 400);
    expect(first.code).toBe("unknown_context");
    expect(first.message).toContain(context);
    await refused(await signedRequest(`${a!.origin}/actors/alpha/inbox`, body, signer), 400);
    // A context that fails to load is refused the same way, not answered 500.
    const failing = body.replace(context, `${atk.origin}/missing.jsonld`);
    expect((await refused(await signedRequest(`${a!.origin}/inbox`, failing, signer), 400)).code).toBe(
      "unknown_context",
    );
    expect(atk.hits).toEqual([]);
  });

  it("answers a followers cursor out of range with 400", async () => {
    for (const cursor of ["0000-01-01", "99999-01-01", "not-a-date"]) {
      const response = await fetch(`${a!.origin}/actors/alpha/followers?cursor=${cursor}`, {
        headers: { Accept: "application/activity+json" },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cursor/);
    }
  });

  it("answers a cross-origin Update whose object cannot be fetched with 4xx", async () => {
    const body = JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${beta}#updates/1`,
      type: "Update",
      actor: beta,
      object: { id: `${atk.origin}/notes/gone`, type: "Note", attributedTo: beta, content: "edited" },
    });
    const response = await fetch(await signedRequest(`${a!.origin}/inbox`, body, signer));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      `${atk.origin}/notes/gone`,
    );
    await eventually(async () => (await a!.services.queue.getDepth()).queued === 0, 20_000, "an idle queue");
    expect((await fetch(`${a!.origin}/healthz`)).status).toBe(200);
  });
});
