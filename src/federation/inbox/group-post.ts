// A post addressed to a working group hosted here (in to, cc or audience), by its author: the group may
// relay it (receiveGroupPost decides to whom). A Note, or a document's Article in a Create or an Update.
import type { InboxContext } from "@fedify/fedify";
import type { Object as APObject, Create, Update } from "@fedify/vocab";
import { receiveGroupPost } from "../../domain/groups/incoming.ts";
import type { Runtime } from "../../runtime.ts";

export async function relayToGroups(
  ctx: InboxContext<Runtime>,
  activity: Create | Update,
  post: APObject,
): Promise<void> {
  const author = activity.actorId;
  if (!post.id || !author || post.attributionId?.href !== author.href) return;
  const addressees = [
    ...new Set(
      [...post.toIds, ...post.ccIds, ...post.audienceIds, ...activity.toIds, ...activity.ccIds].map((u) => u.href),
    ),
  ];
  for (const address of addressees) {
    const target = URL.canParse(address) ? ctx.parseUri(new URL(address)) : null;
    if (target?.type !== "actor") continue;
    const outcome = await receiveGroupPost(ctx.data.database.db, {
      identifier: target.identifier,
      groupUri: address,
      author: author.href,
      objectId: post.id.href,
      // Each revision of a document is relayed once: the activity that brings it names it.
      relayKey: activity.id && activity.id.href !== post.id.href ? `${post.id.href} ${activity.id.href}` : post.id.href,
      addressees,
    });
    if (outcome === "relayed") ctx.data.queue.wake();
  }
}
