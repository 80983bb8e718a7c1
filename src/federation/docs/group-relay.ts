// A group document as a member receives it: the group's host announces it by its id, to the members by
// name; the member fetches the Article from its author's server, signed as its own provider (that
// server serves it to a current member of the group only). A public Announce, or one by a group this
// provider is not in, is not for this.
import type { InboxContext } from "@fedify/fedify";
import type { Announce } from "@fedify/vocab";
import { followsGroup } from "../../domain/docs/docs.ts";
import { receiveArticle } from "../../domain/docs/incoming.ts";
import { logRefusal } from "../../logging.ts";
import type { Runtime } from "../../runtime.ts";
import { AS_PUBLIC } from "../mappers/article.ts";
import { heldNetworksRuntime } from "../networks/runtime.ts";
import { fellowshipOf } from "./fellowship.ts";
import { fetchArticle } from "./fetch-article.ts";

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
  let article: Awaited<ReturnType<typeof fetchArticle>>;
  try {
    article = await fetchArticle(rt, self, objectId);
  } catch (err) {
    // Not retried from here: a members-only note its server will not show is not worth a retry, and a
    // document missed this way is fetched by the next repair round (docs/repair.ts, ADR 0020).
    logger.info({ err, object: objectId.href, group: group.href }, "a group's relayed object could not be fetched");
    return true;
  }
  // A members-only note is read at its author's server when shown: nothing is kept of it here.
  if (!article) return true;
  if (article.audience.kind !== "group" || article.audience.group !== group.href) {
    logRefusal(logger, "article", { id: objectId.href, group: group.href }, "group article for another audience");
    return true;
  }
  const received = await receiveArticle(db, article, article.attributedTo, fellowshipOf(rt));
  if (!received.ok) logRefusal(logger, "article", { id: article.id, reason: received.error.reason }, "article refused");
  else logger.info({ id: article.id, outcome: received.value }, "group article received");
  return true;
}
