// The token a contact form carries: the time it was served, bound to its provider and signed. It
// proves the fill time (a bot posting at once fails), and a forged or replayed-elsewhere form fails.
// The signing secret is made once and kept in the database, so a form served before a restart, or
// by another server process, is still accepted.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../../db/client.ts";
import { kvStoreFor } from "../../db/kv-store.ts";

/** A person takes longer than this to fill the contact form; a bot posting at once does not. */
export const MIN_FILL_MS = 3000;
const MAX_FORM_AGE_MS = 2 * 3_600_000;
const SECRET_KEY = ["commonhost", "contactFormSecret"] as const;

export type TokenCheck = "ok" | "too-fast" | "invalid";

export function contactTokens(database: Database) {
  let secret: Promise<Buffer> | undefined;
  const loadSecret = async () => {
    const kv = kvStoreFor(database);
    // Two processes starting together: the first write wins, both use it.
    await kv.cas(SECRET_KEY, undefined, randomBytes(32).toString("base64url"));
    const stored = await kv.get<string>(SECRET_KEY);
    if (!stored) throw new Error("no contact form secret");
    return Buffer.from(stored, "base64url");
  };
  const sign = async (issued: number, provider: string) => {
    secret ??= loadSecret().catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return createHmac("sha256", await secret)
      .update(`${issued}|${provider}`)
      .digest("base64url");
  };
  return {
    async issue(provider: string): Promise<string> {
      const issued = Date.now();
      return `${issued}.${await sign(issued, provider)}`;
    },
    async check(value: string, provider: string): Promise<TokenCheck> {
      const [issuedText = "", mac = ""] = value.split(".");
      const issued = Number(issuedText);
      if (!Number.isFinite(issued)) return "invalid";
      const expected = Buffer.from(await sign(issued, provider));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
      const age = Date.now() - issued;
      if (age < MIN_FILL_MS) return "too-fast";
      return age > MAX_FORM_AGE_MS ? "invalid" : "ok";
    },
  };
}
