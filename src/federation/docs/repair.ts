// Anti-entropy for document replicas (ADR 0020), after each networks' round: ask each fellow member for
// its documents collection (signed; it lists what this provider may read), compare the head revisions
// with the replicas held here, and fetch the Articles missing or behind. A member that was down, or
// whose delivery was lost, catches up without waiting for the author's next revision.
import { z } from "zod";
import { receiveArticle } from "../../domain/docs/incoming.ts";
import { headsToFetch, MAX_HEADS } from "../../domain/docs/replicas.ts";
import { fellowMembers } from "../networks/membership.ts";
import type { NetworkSelf, NetworksRuntime } from "../networks/runtime.ts";
import { getSigned, SignedHttpError } from "../networks/signed-http.ts";
import { fellowshipOf } from "./fellowship.ts";
import { fetchArticle } from "./fetch-article.ts";

/** Where a Commonhost provider lists its documents' heads. */
export const documentsUrl = (actor: string) => new URL(`${actor.replace(/\/$/, "")}/documents`);

const headsSchema = z.object({
  type: z.literal("OrderedCollection"),
  orderedItems: z
    .array(z.object({ id: z.url({ protocol: /^https?$/ }).max(2048), revision: z.string().max(100) }))
    .max(MAX_HEADS),
});

/** Fetches, from each fellow member, the documents this instance lacks; returns how many were kept. */
export async function repairDocuments(rt: NetworksRuntime): Promise<number> {
  const self = await rt.self();
  if (!self) return 0;
  let kept = 0;
  for (const peer of await fellowMembers(rt)) {
    try {
      kept += await repairFrom(rt, self, peer);
    } catch (err) {
      rt.services.logger.debug({ err, peer }, "documents not compared with a member");
    }
  }
  return kept;
}

async function repairFrom(rt: NetworksRuntime, self: NetworkSelf, peer: string): Promise<number> {
  let answer: unknown;
  try {
    answer = await getSigned(documentsUrl(peer), self.httpKey, { timeoutMs: 15_000 });
  } catch (err) {
    // Nothing this provider may read there (or an older version that lists nothing): nothing to repair.
    if (err instanceof SignedHttpError && err.status === 404) return 0;
    throw err;
  }
  const heads = headsSchema.safeParse(answer);
  if (!heads.success) return 0;
  const { db } = rt.services.database;
  let kept = 0;
  for (const id of await headsToFetch(db, peer, heads.data.orderedItems)) {
    const article = await fetchArticle(rt, self, new URL(id));
    if (!article || article.attributedTo !== peer) continue;
    const received = await receiveArticle(db, article, peer, fellowshipOf(rt));
    if (received.ok && (received.value === "created" || received.value === "revised")) kept++;
    rt.services.logger.info(
      { id, peer, outcome: received.ok ? received.value : received.error.reason },
      "document repaired",
    );
  }
  return kept;
}
