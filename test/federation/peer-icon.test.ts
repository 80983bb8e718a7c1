import "temporal-polyfill/global";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { findReplica } from "../../src/domain/directory/replica.repository.ts";
import { setProviderImage } from "../../src/domain/images/images.ts";
import { addPeer } from "../../src/federation/directory/peers.ts";
import { imageUrlOf, publicIconUrl } from "../../src/federation/directory/peer-profile.ts";
import type { Runtime } from "../../src/runtime.ts";
import { eventually, startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";

describe("a peer's icon in the directory", () => {
  let a: TestInstance | undefined;
  let b: TestInstance | undefined;
  afterEach(async () => stopAll(a, b));

  it("is read from the peer's actor, kept with its replica and shown on the directory card", async () => {
    a = await startInstance({ handle: "alpha", name: "Alpha Co-op" });
    b = await startInstance({ handle: "beta", name: "Beta Collectif" });
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#aa3300" } })
      .png()
      .toBuffer();
    const set = await setProviderImage(a.services.database.db, "icon", logo);
    if (!set.ok || !set.value) throw new Error("no icon");
    const iconUrl = `${a.origin}/media/${set.value.id}`;
    const alphaUri = `${a.origin}/actors/alpha`;

    expect((await addPeer(b.federation, b.services, alphaUri)).ok).toBe(true);
    const replica = await eventually(
      async () => {
        const found = await findReplica(b!.services.database.db, alphaUri);
        return found?.iconUrl ? found : undefined;
      },
      30_000,
      "B's replica of A with its icon",
    );
    expect(replica.iconUrl).toBe(iconUrl);
    const card = await (await fetch(`${b.origin}/directory?q=alpha`, { headers: { "accept-language": "en" } })).text();
    expect(card).toContain(`src="${iconUrl}"`);
    expect(card).toContain(`href="/directory/providers?actor=${encodeURIComponent(alphaUri)}"`);
  });
});

describe("reading an actor's icon", () => {
  it("takes the URL of an Image, a link or a list, and only http(s)", () => {
    expect(imageUrlOf({ type: "Image", url: "https://a.example/i.png" })).toBe("https://a.example/i.png");
    expect(imageUrlOf([{ type: "Image", url: [{ type: "Link", href: "https://a.example/l.png" }] }])).toBe(
      "https://a.example/l.png",
    );
    expect(imageUrlOf("https://a.example/bare.png")).toBe("https://a.example/bare.png");
    expect(imageUrlOf({ type: "Image", url: "javascript:alert(1)" })).toBeNull();
    expect(imageUrlOf({ type: "Image", url: "data:image/png;base64,AAAA" })).toBeNull();
    expect(imageUrlOf({ type: "Image" })).toBeNull();
    expect(imageUrlOf(undefined)).toBeNull();
    expect(imageUrlOf({ url: `https://a.example/${"x".repeat(2100)}` })).toBeNull();
  });

  it("does not keep an address in a private network unless the instance allows them", async () => {
    const services = (allow: boolean) =>
      ({
        config: loadConfig({ ORIGIN: "https://here.example", ALLOW_PRIVATE_ADDRESS: String(allow) }),
      }) as unknown as Runtime;
    for (const url of [
      "http://127.0.0.1/icon.png",
      "http://10.1.2.3/icon.png",
      "http://192.168.1.10/icon.png",
      "http://[::1]/icon.png",
    ]) {
      expect(await publicIconUrl(services(false), url)).toBeNull();
      expect(await publicIconUrl(services(true), url)).toBe(url);
    }
    expect(await publicIconUrl(services(false), "https://93.184.216.34/icon.png")).toBe(
      "https://93.184.216.34/icon.png",
    );
    expect(await publicIconUrl(services(false), null)).toBeNull();
  });
});
