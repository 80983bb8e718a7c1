// The one handler of a directory search, behind the public page (/directory) and the API
// (/api/v1/directory): both run it and differ only in how they show its outcome, HTML or JSON.
import type { Context } from "hono";
import { localReplicaSyncer } from "../domain/directory/local-replica.ts";
import { searchDirectoryFor } from "../domain/directory/search/index.ts";
import type { WebDeps } from "./deps.ts";
import { watchedNetworks } from "../federation/aid/watched.ts";

/** A search that fails (a query not valid, or too costly) is the asker's to change: 400 on both edges. */
export const SEARCH_FAILURE_STATUS = 400;

export function directorySearch(deps: WebDeps) {
  const { database, config } = deps.services;
  const syncLocal = localReplicaSyncer(database.db, config.origin);
  return async (c: Context) => {
    await syncLocal();
    const result = await searchDirectoryFor(database, new URL(c.req.url).search.slice(1), {
      staleAfterMs: config.directoryStaleAfterMs,
    });
    if (!result.ok || result.value.answer.results.every((r) => !r.member)) return result;
    // Fellow members carry the health watch's verdict (the first network that watches them).
    const health = new Map<string, { status: "up" | "down" | "unknown"; verdictAt: string | null }>();
    for (const network of await watchedNetworks(deps.federation, deps.services, deps.localActors))
      for (const m of network.members)
        if (!health.has(m.actor))
          health.set(m.actor, {
            status: m.status,
            verdictAt: m.verdictAt === null ? null : new Date(m.verdictAt).toISOString(),
          });
    // The search's answer may be cached and shared: the verdicts go on a copy.
    const results = result.value.answer.results.map((r) => ({ ...r, health: health.get(r.actorUri) ?? null }));
    return { ...result, value: { ...result.value, answer: { ...result.value.answer, results } } };
  };
}
