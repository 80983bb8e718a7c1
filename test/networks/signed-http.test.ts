import "temporal-polyfill/global";
import { generateCryptoKeyPair } from "@fedify/fedify";
import { afterEach, describe, expect, it } from "vitest";
import { getSigned, postSigned } from "../../src/federation/networks/signed-http.ts";
import { type RecordingServer, recordingServer } from "../helpers/recording-server.ts";

describe("signed requests between members", () => {
  let server: RecordingServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const keyOf = async () => {
    const pair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    return { keyId: new URL("https://a.example/actors/a#main-key"), privateKey: pair.privateKey };
  };

  it("sends the JSON as it is and reads the JSON answered", async () => {
    server = await recordingServer(200, () => ({ status: 200, body: '{"ok":true}', type: "application/json" }));
    const key = await keyOf();
    expect(await postSigned(new URL(`${server.origin}/inbox`), { type: "Add" }, key)).toEqual({ ok: true });
    expect(await getSigned(new URL(`${server.origin}/doc`), key)).toEqual({ ok: true });
    expect(server.hits.map((h) => [h.method, h.url, h.body])).toEqual([
      ["POST", "/inbox", '{"type":"Add"}'],
      ["GET", "/doc", ""],
    ]);
  });

  it("throws a clear error on a refusal, an answer too large, and one that is not JSON", async () => {
    let answer = { status: 410, body: "gone" };
    server = await recordingServer(200, () => ({ ...answer, type: "application/json" }));
    const key = await keyOf();
    const url = new URL(`${server.origin}/doc`);
    await expect(getSigned(url, key)).rejects.toMatchObject({ name: "SignedHttpError", status: 410 });
    answer = { status: 200, body: JSON.stringify({ pad: "x".repeat(2000) }) };
    await expect(getSigned(url, key, { maxBytes: 1000 })).rejects.toThrow("larger than 1000 bytes");
    answer = { status: 200, body: "<html>" };
    await expect(getSigned(url, key)).rejects.toThrow("not JSON");
    answer = { status: 202, body: "" };
    expect(await postSigned(url, {}, key)).toBeUndefined();
  });
});
