import type { Database } from "../db/client.ts";
import { findProvider } from "../domain/provider/provider.repository.ts";

type Seen = { handle: string | null; at: number };
const seen = new WeakMap<Database, Seen>();

/**
 * The provider's handle, read again at most every few seconds: Fedify asks whose key pairs to use on
 * many requests (a personal inbox, a signed fetch), and the handle only changes at setup.
 */
export async function providerHandle(database: Database, maxAgeMs = 2000): Promise<string | null> {
  const last = seen.get(database);
  if (last && Date.now() - last.at < maxAgeMs) return last.handle;
  const handle = (await findProvider(database.db))?.handle ?? null;
  seen.set(database, { handle, at: Date.now() });
  return handle;
}
