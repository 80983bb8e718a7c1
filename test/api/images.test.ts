import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

/** A photo as a phone takes it: a JPEG whose EXIF names the camera's owner and where it was taken. */
async function geotaggedJpeg(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Ana Secret-Photographer", ImageDescription: "taken at the squat" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "48/1 51/1 2400/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "2/1 21/1 300/100",
      },
    })
    .toBuffer();
}

/** A JPEG whose frame header claims width × height pixels (only its header is ever read). */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const small = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#888888" } })
    .jpeg()
    .toBuffer();
  const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
  small.writeUInt16BE(height, sof + 5);
  small.writeUInt16BE(width, sof + 7);
  return small;
}

/** How Mastodon reads an actor's avatar and header (ActivityPub::ProcessAccountService#image_url). */
function mastodonImageUrl(actor: Record<string, unknown>, key: "icon" | "image"): string | undefined {
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  let value = first(actor[key]) as unknown;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "Image")
    value = first((value as { url?: unknown }).url);
  if (value && typeof value === "object") value = (value as { href?: unknown }).href;
  return typeof value === "string" ? value : undefined;
}

const queuedEvents = async (api: ApiClient) =>
  (
    await api.instance.services.database.rows<{ n: number }>(
      sql`select count(*)::int as n from queue_messages where payload->>'commonhost' = 'profile.updated'`,
    )
  )[0]!.n;

describe("provider images through the API", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("stores a resized icon without its EXIF and GPS, serves it for good, and publishes it on the actor", async () => {
    api = await startApi({ handle: "coop" });
    const photo = await geotaggedJpeg();
    // The upload does carry the metadata.
    const before = await sharp(photo).metadata();
    expect(before.exif?.toString("latin1")).toContain("Ana Secret-Photographer");
    // IFD0 points to a GPS IFD (tag 0x8825, little-endian) that holds the place.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]))).toBe(true);

    const eventsBefore = await queuedEvents(api);
    const put = await api.call("PUT", "/api/v1/profile/icon", new Uint8Array(photo), { "content-type": "image/jpeg" });
    expect(put.status).toBe(200);
    expect(put.body.icon).toMatchObject({ mediaType: "image/jpeg" });
    expect(put.body.icon.url).toMatch(new RegExp(`^${api.instance.origin}/media/[0-9a-f]{64}\\.jpg$`));
    expect(put.body.header).toBeNull();
    expect(await queuedEvents(api)).toBe(eventsBefore + 1);

    const served = await fetch(put.body.icon.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = served.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = Buffer.from(await served.arrayBuffer());
    const after = await sharp(bytes).metadata();
    expect([after.width, after.height, after.format]).toEqual([400, 400, "jpeg"]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(bytes.toString("latin1")).not.toContain("Secret-Photographer");
    expect(bytes.toString("latin1")).not.toContain("squat");
    const again = await fetch(put.body.icon.url, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    await again.arrayBuffer();

    // The header: a PNG with transparency stays a PNG, 1500 × 500.
    const logo = await sharp({
      create: { width: 3000, height: 800, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const header = await api.call("PUT", "/api/v1/profile/header", new Uint8Array(logo), {
      "content-type": "image/png",
    });
    expect(header.status).toBe(200);
    const headerMeta = await sharp(Buffer.from(await (await fetch(header.body.header.url)).arrayBuffer())).metadata();
    expect([headerMeta.width, headerMeta.height, headerMeta.format, headerMeta.hasAlpha]).toEqual([
      1500,
      500,
      "png",
      true,
    ]);

    // What Mastodon reads from the actor document.
    const actor = await eventually(
      async () => {
        const doc = (await (
          await fetch(`${api!.instance.origin}/actors/coop`, { headers: { accept: "application/activity+json" } })
        ).json()) as Record<string, unknown>;
        return doc.image ? doc : undefined;
      },
      30_000,
      "the actor to carry both images",
    );
    expect(mastodonImageUrl(actor, "icon")).toBe(put.body.icon.url);
    expect(mastodonImageUrl(actor, "image")).toBe(header.body.header.url);
    expect(actor.icon).toMatchObject({ type: "Image", mediaType: "image/jpeg" });
    expect(actor.image).toMatchObject({ type: "Image", mediaType: "image/png" });

    // Removed: gone from the actor, and the image is no longer served.
    const removed = await api.call("DELETE", "/api/v1/profile/icon");
    expect(removed.status).toBe(200);
    expect(removed.body.icon).toBeNull();
    expect((await fetch(put.body.icon.url)).status).toBe(404);
    // The served actor document follows the change within a few seconds (it is cached).
    const actorAfter = await eventually(
      async () => {
        const doc = (await (
          await fetch(`${api!.instance.origin}/actors/coop`, { headers: { accept: "application/activity+json" } })
        ).json()) as Record<string, unknown>;
        return mastodonImageUrl(doc, "icon") === undefined ? doc : undefined;
      },
      30_000,
      "the actor to drop its icon",
    );
    expect(mastodonImageUrl(actorAfter, "icon")).toBeUndefined();
    expect(mastodonImageUrl(actorAfter, "image")).toBe(header.body.header.url);
  });

  it("refuses what is not an image, whatever it claims, and says why", async () => {
    api = await startApi();
    const html = new TextEncoder().encode("<html><body>not a picture</body></html>");
    const notImage = await api.call("PUT", "/api/v1/profile/icon", html, { "content-type": "image/png" });
    expect(notImage.status).toBe(422);
    expect(notImage.body.error.message).toMatch(/not an image/i);

    const wrongType = await api.call("PUT", "/api/v1/profile/icon", new Uint8Array(await geotaggedJpeg(50, 50)), {
      "content-type": "application/octet-stream",
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.message).toContain("image/png");

    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const vector = await api.call("PUT", "/api/v1/profile/icon", svg, { "content-type": "image/png" });
    expect(vector.status).toBe(422);

    const truncated = (await geotaggedJpeg(300, 300)).subarray(0, 400);
    const damaged = await api.call("PUT", "/api/v1/profile/icon", new Uint8Array(truncated), {
      "content-type": "image/jpeg",
    });
    expect(damaged.status).toBe(422);

    const provider = await api.call("GET", "/api/v1/profile");
    expect(provider.body.icon).toBeNull();
  });

  it("refuses files over the byte limit and images over the pixel limit", async () => {
    api = await startApi();
    const big = new Uint8Array(8 * 1024 * 1024 + 1);
    const tooBig = await api.call("PUT", "/api/v1/profile/header", big, { "content-type": "image/jpeg" });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("too_large");

    const claimed = await jpegClaiming(20_000, 20_000);
    expect((await sharp(claimed, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    const huge = await api.call("PUT", "/api/v1/profile/header", new Uint8Array(claimed), {
      "content-type": "image/jpeg",
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain("20000×20000");
  });
});
