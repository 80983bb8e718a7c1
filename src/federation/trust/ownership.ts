// Whose key is it? A signature proves only that the request was signed with the private half of
// the key published at the key's URL. It counts for an actor when
//   - the key's URL is on the actor's own origin (the server that speaks for the actor published
//     the key: the rule other servers apply too), or
//   - the actor's own document, fetched from the actor's URL, lists the key's URL among its
//     `publicKey` or `assertionMethod` keys.
// What the key document says about itself (`owner`, `controller`) proves nothing: anyone can host a
// key document naming anyone as its owner.
import type { DocumentLoader } from "@fedify/vocab-runtime";
import { isActor, Object as APObject } from "@fedify/vocab";

export type Loaders = { documentLoader: DocumentLoader; contextLoader: DocumentLoader };

export type Ownership = { owned: true } | { owned: false; why: string };

export async function keyBelongsTo(keyUrl: URL, actorId: URL, loaders: Loaders): Promise<Ownership> {
  if (keyUrl.origin === actorId.origin) return { owned: true };
  let actor: unknown;
  try {
    const { document } = await loaders.documentLoader(actorId.href);
    actor = await APObject.fromJsonLd(document, loaders);
  } catch {
    return { owned: false, why: `the actor ${actorId.href} could not be fetched to see whether it lists the key` };
  }
  if (!isActor(actor) || actor.id?.href !== actorId.href)
    return { owned: false, why: `${actorId.href} is not an actor document` };
  const listed = [...actor.publicKeyIds, ...actor.assertionMethodIds].some((id) => id.href === keyUrl.href);
  return listed
    ? { owned: true }
    : { owned: false, why: `the key ${keyUrl.href} is not one that ${actorId.href} lists as its own` };
}
