// Sending network activities: an HTTP-signed POST of the JSON as it is (signed-http.ts) to the
// recipient's inbox, found from its actor document. A failure throws, so the queue tries again; a
// refusal that another try cannot change (403, 410, 422) is logged and dropped.
import { isActor, Object as APObject } from "@fedify/vocab";
import type { NetworksRuntime, NetworkSelf } from "./runtime.ts";
import { postSigned, SignedHttpError } from "./signed-http.ts";

/** The inbox of an actor; throws when it cannot be found (a later try may find it). */
export async function inboxOf(rt: NetworksRuntime, actor: string): Promise<URL> {
  const loaders = rt.loaders();
  const { document } = await loaders.documentLoader(actor);
  const found = await APObject.fromJsonLd(document, loaders);
  if (!isActor(found) || found.id?.href !== actor || !found.inboxId)
    throw new Error(`${actor} is not an actor with an inbox`);
  return found.inboxId;
}

/** Posts an activity to an actor's inbox, signed as this instance's provider. */
export async function postTo(rt: NetworksRuntime, self: NetworkSelf, actor: string, activity: object): Promise<void> {
  const inbox = await inboxOf(rt, actor);
  try {
    await postSigned(inbox, activity, self.httpKey);
  } catch (error) {
    if (error instanceof SignedHttpError && (error.status === 403 || error.status === 410 || error.status === 422)) {
      rt.services.logger.info(
        { to: actor, status: error.status, err: error.message },
        "network activity refused by its recipient",
      );
      return;
    }
    throw error;
  }
}
