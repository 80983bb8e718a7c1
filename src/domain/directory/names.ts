// The names the directory holds for a list of actors (network members, say), so that pages can show
// "The Co-op" rather than a URL wherever the directory knows the provider, and whether it is closing.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { directoryProviders } from "../../db/schema/index.ts";

export type KnownProvider = {
  readonly name: string;
  readonly handle: string | null;
  readonly local: boolean;
  /** A standing notice of closing the provider publishes: its date and successor. */
  readonly closing?: { readonly at: Date; readonly successor: string };
};

export async function knownProviders(db: Db, actors: readonly string[]): Promise<Map<string, KnownProvider>> {
  if (actors.length === 0) return new Map();
  const rows = await db
    .select({
      actorUri: directoryProviders.actorUri,
      name: directoryProviders.name,
      handle: directoryProviders.handle,
      local: directoryProviders.local,
      closingAt: directoryProviders.closingAt,
      closingSuccessor: directoryProviders.closingSuccessor,
    })
    .from(directoryProviders)
    .where(inArray(directoryProviders.actorUri, [...new Set(actors)].slice(0, 1000)));
  return new Map(
    rows.map((r) => [
      r.actorUri,
      {
        name: r.name,
        handle: r.handle,
        local: r.local,
        ...(r.closingAt && r.closingSuccessor ? { closing: { at: r.closingAt, successor: r.closingSuccessor } } : {}),
      },
    ]),
  );
}
