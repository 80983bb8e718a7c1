// Public keys parsed once per stored document: the same object gives the same parsed key; a new
// document (a key fetched again) is parsed afresh.
import { CryptographicKey } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { keepParsedKeys } from "../../src/federation/parsed-keys.ts";

describe("keeping parsed public keys", () => {
  it("parses a stored key document once, and a new document again", async () => {
    keepParsedKeys();
    const { publicKey } = await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    );
    const stored = await new CryptographicKey({
      id: new URL("https://peer.example/actors/a#main-key"),
      owner: new URL("https://peer.example/actors/a"),
      publicKey,
    }).toJsonLd();

    const first = await CryptographicKey.fromJsonLd(stored);
    expect(await CryptographicKey.fromJsonLd(stored)).toBe(first);
    const refetched = await CryptographicKey.fromJsonLd(structuredClone(stored));
    expect(refetched).not.toBe(first);
    expect(refetched.id?.href).toBe("https://peer.example/actors/a#main-key");
    expect(await crypto.subtle.exportKey("spki", refetched.publicKey!)).toEqual(
      await crypto.subtle.exportKey("spki", publicKey),
    );

    // A document that is not a key still fails.
    const broken = {
      "@context": "https://w3id.org/security/v1",
      id: "https://peer.example/k",
      type: "Key",
      publicKeyPem: "not a key",
    };
    await expect(CryptographicKey.fromJsonLd(broken)).rejects.toThrow();
  });
});
