// A peer's document fetched at its id, signed as this instance's provider: how a member gets a group
// document the group announced, and how a missed delivery is repaired. The fetch proves the Article's
// origin (its id and its `attributedTo` are on the server that answered); the author's server decides
// whether this provider may read it, and receiveArticle whether it is kept.
import { findNetwork } from "../../domain/networks/networks.repository.ts";
import type { IncomingArticle } from "../../domain/docs/incoming.ts";
import { logRefusal } from "../../logging.ts";
import { parseArticle } from "../mappers/article.ts";
import type { NetworkSelf, NetworksRuntime } from "../networks/runtime.ts";
import { getSigned } from "../networks/signed-http.ts";

/**
 * The Article at `id` as the domain receives it, or undefined when the answer is not an Article with that
 * id. Its audience: public when addressed to `as:Public`; otherwise its `audience`, a network when it is
 * one this instance holds, else a working group. A failed request throws (a later try may succeed).
 */
export async function fetchArticle(
  rt: NetworksRuntime,
  self: NetworkSelf,
  id: URL,
): Promise<IncomingArticle | undefined> {
  const json = (await getSigned(id, self.httpKey, { timeoutMs: 15_000 })) as Record<string, unknown> | undefined;
  if (json?.type !== "Article") return undefined;
  const parsed = parseArticle(json);
  const audience = typeof json.audience === "string" ? json.audience : undefined;
  if (!parsed.ok || parsed.value.id !== id.href) {
    logRefusal(rt.services.logger, "article", { id: id.href }, "fetched article refused");
    return undefined;
  }
  const a = parsed.value;
  const kind =
    a.audience.kind === "public"
      ? ({ kind: "public" } as const)
      : audience === undefined
        ? undefined
        : (await findNetwork(rt.services.database.db, audience))?.id === audience
          ? ({ kind: "network", network: audience } as const)
          : ({ kind: "group", group: audience } as const);
  if (!kind) return undefined;
  return {
    id: a.id,
    attributedTo: a.attributedTo,
    published: a.published,
    ...(a.updated ? { updated: a.updated } : {}),
    content: a.content,
    audience: kind,
  };
}
