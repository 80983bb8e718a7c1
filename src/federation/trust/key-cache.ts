// The public keys the instance has fetched, kept where Fedify keeps them (same KvStore entries and
// format as its own key cache), so the keys fetched here to check a signature are the ones Fedify
// finds when it checks the same signature again. Each cache also records which key URLs it was
// asked for: the URL a signature names is what the ownership rule judges, not the `id` the
// fetched document claims for itself.
import type { KeyCache, KvStore } from "@fedify/fedify";
import { CryptographicKey, Multikey } from "@fedify/vocab";

const PREFIX = ["_fedify", "publicKey"] as const;
const UNAVAILABLE_TTL = Temporal.Duration.from({ minutes: 10 });

export class RecordingKeyCache implements KeyCache {
  readonly asked = new Set<string>();
  readonly #kv: KvStore;

  constructor(kv: KvStore) {
    this.#kv = kv;
  }

  async get(keyId: URL): Promise<CryptographicKey | Multikey | null | undefined> {
    this.asked.add(keyId.href);
    const stored = await this.#kv.get([...PREFIX, keyId.href]);
    if (stored === undefined) return undefined;
    if (stored === null) return null;
    try {
      return await CryptographicKey.fromJsonLd(stored);
    } catch {
      try {
        return await Multikey.fromJsonLd(stored);
      } catch {
        await this.#kv.delete([...PREFIX, keyId.href]);
        return undefined;
      }
    }
  }

  async set(keyId: URL, key: CryptographicKey | Multikey | null): Promise<void> {
    this.asked.add(keyId.href);
    if (key === null) await this.#kv.set([...PREFIX, keyId.href], null, { ttl: UNAVAILABLE_TTL });
    else await this.#kv.set([...PREFIX, keyId.href], await key.toJsonLd());
  }
}
