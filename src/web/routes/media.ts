// /media/<sha-256>.<ext>: the provider's images. A name is its content, so a response never goes
// out of date: cached for a year, immutable, with the hash as ETag.
import { Hono } from "hono";
import { findImage, imageIdPattern } from "../../domain/images/images.ts";
import type { WebDeps } from "../deps.ts";

export function mediaRoutes({ services }: WebDeps) {
  const app = new Hono();
  app.get("/media/:id", async (c) => {
    const id = c.req.param("id");
    if (!imageIdPattern.test(id)) return c.notFound();
    const etag = `"${id.slice(0, 64)}"`;
    const cache = { "Cache-Control": "public, max-age=31536000, immutable", ETag: etag };
    const image = await findImage(services.database.db, id);
    if (!image) return c.notFound();
    const given = c.req.header("if-none-match");
    if (given?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return c.body(null, 304, cache);
    return c.body(new Uint8Array(image.bytes), 200, {
      ...cache,
      "Content-Type": image.mediaType,
      "Content-Length": String(image.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
    });
  });
  return app;
}
