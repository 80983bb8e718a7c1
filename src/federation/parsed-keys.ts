// Fedify keeps a fetched public key as JSON-LD in the KvStore, and for every signed request it parses
// the stored document again: JSON-LD expansion, then importing the PEM — about a tenth of the work of
// a delivery (bench/inbox.ts). The memory layer in front of the store (db/cached-kv-store.ts) hands
// back the same stored object for the same key while it holds it, so the parsed key is kept per
// stored object: a key fetched again is a new object, parsed afresh. Fedify offers no hook for this;
// CryptographicKey.fromJsonLd is the one place its key cache goes through.
import { CryptographicKey } from "@fedify/vocab";

const parsed = new WeakMap<object, ReturnType<typeof CryptographicKey.fromJsonLd>>();
let kept = false;

export function keepParsedKeys(): void {
  if (kept) return;
  kept = true;
  const parse = CryptographicKey.fromJsonLd.bind(CryptographicKey);
  CryptographicKey.fromJsonLd = (json, options) => {
    if (typeof json !== "object" || json === null) return parse(json, options);
    let key = parsed.get(json);
    if (!key) {
      key = parse(json, options);
      parsed.set(json, key);
      key.catch(() => parsed.delete(json));
    }
    return key;
  };
}
