// Objects this instance makes: signed with the provider's key, stored with their delivery to each
// recipient in one transaction (a crash keeps both or neither), then the queue is woken.
import { recordEvent } from "../../domain/events.ts";
import type { NetworkEvent } from "../../domain/networks/events.ts";
import type { Genesis, NetworkObject } from "../../domain/networks/objects.ts";
import { idOf } from "../../domain/networks/objects.ts";
import type { NetworkRecord } from "../../domain/networks/record.ts";
import { closingHeld, storeObject } from "../../domain/networks/store.ts";
import { documentOf } from "./documents.ts";
import { signDocument } from "./proof.ts";
import type { NetworkSelf, NetworksRuntime } from "./runtime.ts";

/** Who receives an object: every current member but its author, and the subject of its motion. */
export function recipientsOf(record: NetworkRecord, object: NetworkObject, author: string): string[] {
  const to = new Set<string>();
  for (const m of record.members.values()) if (m.status === "member") to.add(m.actor);
  const subject =
    object.type === "Motion"
      ? object.subject
      : object.type === "Ballot" || object.type === "Closing"
        ? record.motions.get(object.motion)?.motion.subject
        : undefined;
  if (subject) to.add(subject);
  to.delete(author);
  return [...to].sort();
}

export const deliveryOf = (network: string, id: string, to: string): NetworkEvent => ({
  commonhost: "network.object.deliver",
  network,
  id,
  to,
});

/** Signs, stores and queues an object; false when it was already held (nothing is sent again). */
export async function publishObject(
  rt: NetworksRuntime,
  self: NetworkSelf,
  object: Exclude<NetworkObject, Genesis>,
  recipients: readonly string[],
  also: readonly NetworkEvent[] = [],
): Promise<{ added: boolean; document: Record<string, unknown> }> {
  const document = await signDocument(documentOf(object), self.signer);
  const network = object.network;
  const id = idOf(object);
  const added = await rt.services.database.db.transaction(async (tx) => {
    // Each closing once, whichever process of this instance reaches it first.
    if (object.type === "Closing" && (await closingHeld(tx, network, object.by, object.motion))) return false;
    if (!(await storeObject(tx, network, object, document, Date.now()))) return false;
    for (const to of recipients) await recordEvent(tx, deliveryOf(network, id, to));
    for (const event of also) await recordEvent(tx, event);
    return true;
  });
  if (added) rt.services.queue.wake();
  return { added, document };
}
