// One-time secrets after a post/redirect/get: the POST that creates an API token or an invitation
// keeps the secret here and redirects to a GET that shows it once. Kept in this process's memory
// only (never in the database or a cookie), bound to the session that created it, taken on the
// first read and forgotten after a few minutes, so a reload or the back button never shows it again
// nor creates a second one.
import { randomBytes } from "node:crypto";

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 1000;

export type FlashStore = {
  /** Keeps a value for one session; returns the id to put in the redirect's query. */
  put(sessionId: string, value: string): string;
  /** The value, once: a second take, another session's take or a late one gets nothing. */
  take(sessionId: string, id: string | undefined): string | undefined;
};

export function createFlashStore(now: () => number = Date.now): FlashStore {
  const entries = new Map<string, { sessionId: string; value: string; expires: number }>();
  const sweep = () => {
    const t = now();
    for (const [id, e] of entries) if (e.expires <= t) entries.delete(id);
    // Oldest first: a flood of creations cannot grow memory without bound.
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  return {
    put(sessionId, value) {
      sweep();
      const id = randomBytes(16).toString("base64url");
      entries.set(id, { sessionId, value, expires: now() + TTL_MS });
      return id;
    },
    take(sessionId, id) {
      if (!id) return undefined;
      const e = entries.get(id);
      if (!e || e.sessionId !== sessionId) return undefined;
      entries.delete(id);
      return e.expires > now() ? e.value : undefined;
    },
  };
}
