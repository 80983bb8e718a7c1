// A group document as a member receives it: the group's host announces it by its id, to the members by
// name; the member fetches the Article from its author's server, signed as its own provider (that
// server serves it to a current member of the group only, and the fetch proves who wrote it: an
// Article's id is on its author's origin). A public Announce, or one by a group this provider is not in,
// is not for this.
import type { InboxContext } from "@fedify/fedify";
import type { Announce } from "@fedify/vocab";
import { followsGroup } from "../../domain/docs/docs.ts";
import { receiveArticle } from "../../domain/docs/incoming.ts";
import { logRefusal } from "../../logging.ts";
import type { Runtime } from "../../runtime.ts";
import { AS_PUBLIC, parseArticle } from "../mappers/article.ts";
import { heldNetworksRuntime } from "../networks/runtime.ts";
import { getSigned } from "../networks/signed-http.ts";
import { fellowshipOf } from "./fellowship.ts";

/** Whether the Announce was a group's relay of a members-only object (then nothing else is made of it). */
export async function receiveGroupRelay(ctx: InboxContext<Runtime>, announce: Announce): Promise<boolean> {
  const { actorId: group, objectId } = announce;
  if (!group || !objectId) return false;
  const addressed = [...announce.toIds, ...announce.ccIds].map((u) => u.href);
  if (addressed.includes(AS_PUBLIC) || objectId.origin === new URL(ctx.data.config.origin).origin) return false;
  const { db } = ctx.data.database;
  const rt = heldNetworksRuntime(ctx.data);
  const self = await rt?.self();
  if (!rt || !self || !(await followsGroup(db, group.href))) return false;
  const { logger } = ctx.data;
  let json: unknown;
  try {
    json = await getSigned(objectId, self.httpKey, { timeoutMs: 15_000 });
  } catch (err) {
    // Thrown: the inbox's queue tries again later (the author's server may be down for a while).
    logger.info({ err, object: objectId.href, group: group.href }, "a group's relayed object could not be fetched");
    throw err;
  }
  const object = json as Record<string, unknown> | undefined;
  // A members-only note: read at its author's server when shown; nothing is kept of it here.
  if (object?.type !== "Article") return true;
  const parsed = parseArticle(object);
  if (!parsed.ok || parsed.value.id !== objectId.href || object.audience !== group.href) {
    logRefusal(logger, "article", { id: objectId.href, group: group.href }, "group article refused");
    return true;
  }
  const a = parsed.value;
  const received = await receiveArticle(
    db,
    {
      id: a.id,
      attributedTo: a.attributedTo,
      published: a.published,
      ...(a.updated ? { updated: a.updated } : {}),
      content: a.content,
      audience: { kind: "group", group: group.href },
    },
    a.attributedTo,
    fellowshipOf(rt),
  );
  if (!received.ok)
    logRefusal(logger, "article", { id: a.id, group: group.href, reason: received.error.reason }, "article refused");
  else logger.info({ id: a.id, outcome: received.value }, "group article received");
  return true;
}
