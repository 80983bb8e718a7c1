import type { Database } from "../db/client.ts";
import { importJwkPair } from "../domain/provider/keys.ts";
import { findKeyPairs } from "../domain/provider/provider.repository.ts";

// Imported CryptoKeys per database: keys never change after setup, and importing costs.
const cache = new WeakMap<Database, Promise<CryptoKeyPair[]>>();

/** The provider's key pairs, RSA first (the one draft-cavage signatures use). */
export function loadKeyPairs(database: Database): Promise<CryptoKeyPair[]> {
  let pairs = cache.get(database);
  if (!pairs) {
    pairs = findKeyPairs(database.db).then(async (rows) => {
      if (rows.length < 2) cache.delete(database); // not set up yet: look again next time
      const sorted = rows.sort((a, b) =>
        a.algorithm === "RSASSA-PKCS1-v1_5" ? -1 : b.algorithm === "RSASSA-PKCS1-v1_5" ? 1 : 0,
      );
      return Promise.all(sorted.map(importJwkPair));
    });
    cache.set(database, pairs);
  }
  return pairs;
}
