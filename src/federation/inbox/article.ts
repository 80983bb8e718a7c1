// A shared document from a peer: the Article of a Create or an Update, kept as a replica when its author
// is a provider this instance follows or a fellow member of a network (receiveArticle decides). The
// Article is read back as JSON-LD and checked by the mapper's own parser (limits, sanitising, origins).
import type { InboxContext } from "@fedify/fedify";
import type { Article } from "@fedify/vocab";
import { type IncomingArticle, receiveArticle } from "../../domain/docs/incoming.ts";
import { logRefusal } from "../../logging.ts";
import type { Runtime } from "../../runtime.ts";
import { fellowshipOf } from "../docs/fellowship.ts";
import { localGroupHandle } from "../docs/group-members.ts";
import { parseArticle } from "../mappers/article.ts";
import { heldNetworksRuntime } from "../networks/runtime.ts";

export async function onArticle(ctx: InboxContext<Runtime>, sender: URL, article: Article): Promise<void> {
  const { logger } = ctx.data;
  const rt = heldNetworksRuntime(ctx.data);
  if (!rt) return;
  const json = (await article.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader })) as Record<
    string,
    unknown
  >;
  // Compaction gives a list of one as the one value: the parser reads tags as a list.
  if (json.tag !== undefined && !Array.isArray(json.tag)) json.tag = [json.tag];
  const parsed = parseArticle(json);
  if (!parsed.ok) {
    logRefusal(
      logger,
      "article",
      { id: article.id?.href, reason: parsed.error.reason, fields: Object.keys(parsed.error.fields ?? {}) },
      "article refused",
    );
    return;
  }
  const a = parsed.value;
  const network = typeof json.audience === "string" ? json.audience : undefined;
  // A document for a working group hosted here: the group relays it to its members (create.ts); this
  // instance keeps no copy of it.
  if (network !== undefined && (await localGroupHandle(rt, network)) !== undefined) return;
  // A members-only Article names its network as `audience`: without one there is nothing to file it under.
  if (a.audience.kind === "restricted" && !network) {
    logRefusal(logger, "article", { id: a.id }, "members-only article without a network");
    return;
  }
  const incoming: IncomingArticle = {
    id: a.id,
    attributedTo: a.attributedTo,
    published: a.published,
    ...(a.updated ? { updated: a.updated } : {}),
    content: a.content,
    audience: a.audience.kind === "public" ? { kind: "public" } : { kind: "network", network: network! },
  };
  const received = await receiveArticle(ctx.data.database.db, incoming, sender.href, fellowshipOf(rt));
  if (!received.ok)
    logRefusal(logger, "article", { id: a.id, sender: sender.href, reason: received.error.reason }, "article refused");
  else logger.info({ id: a.id, outcome: received.value }, "article received");
}
