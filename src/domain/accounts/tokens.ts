import { createHash, randomBytes } from "node:crypto";

/** A random secret for a link or a cookie, and the SHA-256 that is all the database keeps of it. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: sha256(secret) };
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
