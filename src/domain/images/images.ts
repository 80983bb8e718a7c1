// The provider's icon and header image: decoded to prove they are images, bounded in bytes and in
// pixels, resized, re-encoded without any metadata (EXIF, GPS, XMP, ICC) and stored in the database.
import { createHash } from "node:crypto";
import { eq, or, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "../../db/client.ts";
import { images, provider } from "../../db/schema/index.ts";
import { recordEvent } from "../events.ts";
import { fail, fieldError, ok, type Result } from "../validation.ts";

export type ImageSlot = "icon" | "header";
export const imageSlots: readonly ImageSlot[] = ["icon", "header"];

/** Accepted as uploads; what is stored is JPEG (photos) or PNG (everything else, transparency kept). */
export const ACCEPTED_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const IMAGE_LIMITS = {
  /** Bytes of an upload. */
  maxBytes: 8 * 1024 * 1024,
  /** Pixels of an upload (width × height), checked before decoding the whole image. */
  maxPixels: 50_000_000,
};
/** What each slot is resized to: covering the box, centred, as Mastodon shows them. */
export const IMAGE_SIZES: Record<ImageSlot, { width: number; height: number }> = {
  icon: { width: 400, height: 400 },
  header: { width: 1500, height: 500 },
};

const formats: Record<string, true> = { jpeg: true, png: true, webp: true, gif: true };

export type StoredImage = { id: string; mediaType: string; width: number; height: number };

/** `<sha-256>.<ext>`: the only names /media serves. */
export const imageIdPattern = /^[0-9a-f]{64}\.(jpg|png)$/;
export const imagePath = (id: string) => `/media/${id}`;
export const imageMediaType = (id: string): "image/jpeg" | "image/png" =>
  id.endsWith(".jpg") ? "image/jpeg" : "image/png";

/** Decodes, resizes and re-encodes an upload; anything that does not decode as an image is refused. */
export async function processImage(
  bytes: Uint8Array,
  slot: ImageSlot,
): Promise<Result<{ id: string; mediaType: string; bytes: Buffer; width: number; height: number }>> {
  if (bytes.byteLength === 0) return fail("invalid", "image.empty", { fields: { image: fieldError("imageEmpty") } });
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes)
    return fail("too_large", "image.tooLarge", {
      vars: { max: IMAGE_LIMITS.maxBytes },
      fields: { image: fieldError("imageTooLarge", { max: IMAGE_LIMITS.maxBytes }) },
    });
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch {
    return fail("invalid", "image.notImage", { fields: { image: fieldError("notImage") } });
  }
  if (!format || !formats[format])
    return fail("invalid", "image.notImage", { fields: { image: fieldError("notImage") } });
  if (width * height > IMAGE_LIMITS.maxPixels)
    return fail("too_large", "image.tooManyPixels", {
      vars: { max: IMAGE_LIMITS.maxPixels, width, height },
      fields: { image: fieldError("imageTooManyPixels", { max: IMAGE_LIMITS.maxPixels }) },
    });
  const size = IMAGE_SIZES[slot];
  const photo = format === "jpeg";
  try {
    // rotate(): applies the EXIF orientation before the metadata goes; sharp writes none unless asked.
    const pipeline = sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: "error", animated: false })
      .rotate()
      .resize({ ...size, fit: "cover", position: "centre" });
    const { data, info } = await (photo
      ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : pipeline.png({ compressionLevel: 9 })
    ).toBuffer({ resolveWithObject: true });
    const hash = createHash("sha256").update(data).digest("hex");
    return ok({
      id: `${hash}.${photo ? "jpg" : "png"}`,
      mediaType: photo ? "image/jpeg" : "image/png",
      bytes: data,
      width: info.width,
      height: info.height,
    });
  } catch {
    return fail("invalid", "image.damaged", { fields: { image: fieldError("notImage") } });
  }
}

/**
 * Sets (or, with null, removes) the provider's icon or header, bumps the profile's version and
 * records profile.updated (followers receive an Update), and deletes the image it replaces.
 */
export async function setProviderImage(
  db: Db,
  slot: ImageSlot,
  upload: Uint8Array | null,
): Promise<Result<StoredImage | null>> {
  const processed = upload ? await processImage(upload, slot) : undefined;
  if (processed && !processed.ok) return processed;
  const image = processed?.value;
  const done = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ icon: provider.iconImage, header: provider.headerImage })
      .from(provider)
      .where(eq(provider.id, 1))
      .for("update");
    if (!current) return false;
    if (image) await tx.insert(images).values(image).onConflictDoNothing();
    const previous = slot === "icon" ? current.icon : current.header;
    await tx
      .update(provider)
      .set({
        [slot === "icon" ? "iconImage" : "headerImage"]: image?.id ?? null,
        version: sql`${provider.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(provider.id, 1));
    if (previous && previous !== image?.id) {
      // The same picture may be both icon and header: delete it only when nothing names it.
      const [used] = await tx
        .select({ id: provider.id })
        .from(provider)
        .where(or(eq(provider.iconImage, previous), eq(provider.headerImage, previous)));
      if (!used) await tx.delete(images).where(eq(images.id, previous));
    }
    await recordEvent(tx, { commonhost: "profile.updated" });
    return true;
  });
  if (!done) return fail("not_found", "provider.notSetUp");
  return ok(image ? { id: image.id, mediaType: image.mediaType, width: image.width, height: image.height } : null);
}

export async function findImage(db: Db, id: string): Promise<{ mediaType: string; bytes: Buffer } | undefined> {
  const [row] = await db
    .select({ mediaType: images.mediaType, bytes: images.bytes })
    .from(images)
    .where(eq(images.id, id));
  return row;
}

export async function findImageInfo(db: Db, id: string): Promise<StoredImage | undefined> {
  const [row] = await db
    .select({ id: images.id, mediaType: images.mediaType, width: images.width, height: images.height })
    .from(images)
    .where(eq(images.id, id));
  return row;
}
