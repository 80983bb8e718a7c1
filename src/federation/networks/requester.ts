// Who is asking: the actor whose own key signed a request for network-only material. The signature
// is checked by Fedify, then the key must belong to the actor it names as its owner by our rule
// (trust/ownership.ts): a key document's `owner` claim alone proves nothing. Whether that actor is a
// current member is the caller's question (the record answers it).
import { type KvStore, MemoryKvStore } from "@fedify/fedify";
import { verifiedSignatureKey } from "../trust/authenticate.ts";
import { keyBelongsTo, type Loaders } from "../trust/ownership.ts";

/**
 * The URI of the actor whose key signed `request`, or undefined when it is unsigned, does not verify,
 * or is signed with a key its claimed owner does not list as its own. `keyStore` keeps fetched keys
 * between requests (the instance's key-value store, where Fedify keeps them); without it each call
 * fetches the key again.
 */
export async function signedRequester(
  request: Request,
  loaders: Loaders,
  keyStore: KvStore = new MemoryKvStore(),
): Promise<string | undefined> {
  if (!request.headers.has("signature")) return undefined;
  const verified = await verifiedSignatureKey(request, loaders, keyStore);
  if ("why" in verified) return undefined;
  const owner = verified.key.ownerId ?? withoutFragment(verified.keyUrl);
  const ownership = await keyBelongsTo(verified.keyUrl, owner, loaders);
  return ownership.owned ? owner.href : undefined;
}

function withoutFragment(url: URL): URL {
  const copy = new URL(url);
  copy.hash = "";
  return copy;
}
