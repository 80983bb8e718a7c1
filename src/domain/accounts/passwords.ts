// Password hashing: argon2id with the parameters recorded in docs/adr/0005-operator-accounts.md.
import { hash, verify } from "@node-rs/argon2";

/** OWASP's first argon2id recommendation (m=19 MiB, t=2, p=1): strong and cheap enough for a small server. */
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so both cases take the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy password that matches nothing");
  return decoy;
}
