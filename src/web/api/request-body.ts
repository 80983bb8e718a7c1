// Reading a JSON request body: JSON only, bounded in size, parsed once. Anything else is a clear 4xx.
import type { Context } from "hono";
import { readLimited } from "../../http/read-limited.ts";

/** Bodies above this are refused with 413 before they are read in full. */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyFailure = {
  status: 400 | 413 | 415;
  code: "bad_request" | "too_large" | "unsupported_media_type";
  key: string;
};
export type BodyResult = { ok: true; value: unknown } | { ok: false; error: BodyFailure };

const jsonType = /^application\/(?:[\w.+-]+\+)?json$/;

export async function readJsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const [type = "", ...params] = (c.req.header("content-type") ?? "").split(";").map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (!jsonType.test(type) || (charset && charset !== "utf-8" && charset !== "utf8")) {
    return refuse(415, "unsupported_media_type", "api.error.unsupportedMediaType");
  }
  const body = await readLimited(c.req.raw, maxBytes);
  if (body === "too_large") return refuse(413, "too_large", "api.error.tooLarge");
  if (body.byteLength === 0) return refuse(400, "bad_request", "api.error.emptyBody");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return refuse(400, "bad_request", "api.error.badEncoding");
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refuse(400, "bad_request", "api.error.badJson");
  }
}

const refuse = (status: BodyFailure["status"], code: BodyFailure["code"], key: string): BodyResult => ({
  ok: false,
  error: { status, code, key },
});
