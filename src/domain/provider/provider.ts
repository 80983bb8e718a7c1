// Creating and changing the provider this instance publishes.
import type { Db } from "../../db/client.ts";
import { recordEvent } from "../events.ts";
import { handleSchema, profileSchema, providerNameSchema, type Profile } from "../profile/profile.schema.ts";
import { fail, fieldError, fieldErrors, ok, type Result } from "../validation.ts";
import { z } from "zod";
import { generateJwkPair } from "./keys.ts";
import {
  findKeyPairs,
  findProvider,
  insertKeyPairs,
  insertProvider,
  updateProviderRow,
  type ProviderRecord,
} from "./provider.repository.ts";

const setupSchema = z.object({ handle: handleSchema, name: providerNameSchema, profile: profileSchema.optional() });

/**
 * Creates the provider, or updates its name and profile. The handle is fixed once followers exist
 * elsewhere: changing it would orphan every follow, so a different handle is refused.
 */
export async function setupProvider(
  db: Db,
  input: { handle: string; name: string; profile?: unknown },
): Promise<Result<ProviderRecord>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "provider.setupInvalid", { fields: fieldErrors(parsed.error) });
  const { handle, name, profile } = parsed.data;
  await ensureKeyPairs(db);
  const existing = await findProvider(db);
  if (!existing) {
    const created = await insertProvider(db, { handle, name, profile: profile ?? profileSchema.parse({}) });
    return ok(created);
  }
  if (existing.handle !== handle) {
    return fail("conflict", "provider.handleFixed", {
      vars: { handle: existing.handle },
      fields: { handle: fieldError("handleFixed") },
    });
  }
  return updateProvider(db, { name, ...(profile ? { profile } : {}) });
}

/** Replaces the name and/or profile and records a profile.updated event in the same transaction. */
export async function updateProvider(
  db: Db,
  changes: { name?: string; profile?: unknown },
): Promise<Result<ProviderRecord>> {
  const parsed = z
    .object({ name: providerNameSchema.optional(), profile: profileSchema.optional() })
    .safeParse(changes);
  if (!parsed.success) return fail("invalid", "provider.profileInvalid", { fields: fieldErrors(parsed.error) });
  const values: { name?: string; profile?: Profile } = {};
  if (parsed.data.name !== undefined) values.name = parsed.data.name;
  if (parsed.data.profile !== undefined) values.profile = parsed.data.profile;
  const updated = await db.transaction(async (tx) => {
    const current = await findProvider(tx);
    if (!current) return undefined;
    const row = await updateProviderRow(tx, values);
    await recordEvent(tx, { commonhost: "profile.updated" });
    return row;
  });
  return updated ? ok(updated) : fail("not_found", "provider.notSetUp");
}

/** Generates the actor's key pairs once; later calls keep the existing ones. */
export async function ensureKeyPairs(db: Db): Promise<void> {
  const existing = await findKeyPairs(db);
  const have = new Set(existing.map((k) => k.algorithm));
  const missing = (["RSASSA-PKCS1-v1_5", "Ed25519"] as const).filter((a) => !have.has(a));
  if (missing.length > 0) await insertKeyPairs(db, await Promise.all(missing.map(generateJwkPair)));
}

export { findProvider, findKeyPairs };
