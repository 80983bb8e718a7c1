// The one handler of a directory search, behind the public page (/directory) and the API
// (/api/v1/directory): both run it and differ only in how they show its outcome, HTML or JSON.
import type { Context } from "hono";
import { localReplicaSyncer } from "../domain/directory/local-replica.ts";
import { searchDirectoryFor } from "../domain/directory/search/index.ts";
import type { WebDeps } from "./deps.ts";

/** A search that fails (a query not valid, or too costly) is the asker's to change: 400 on both edges. */
export const SEARCH_FAILURE_STATUS = 400;

export function directorySearch(deps: WebDeps) {
  const { database, config } = deps.services;
  const syncLocal = localReplicaSyncer(database.db, config.origin);
  return async (c: Context) => {
    await syncLocal();
    return searchDirectoryFor(database, new URL(c.req.url).search.slice(1), {
      staleAfterMs: config.directoryStaleAfterMs,
    });
  };
}
