// The instance's own provider is listed in its own directory, kept in step with its profile.
import { and, eq, gte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { directoryProviders } from "../../db/schema/index.ts";
import { imagePath } from "../images/images.ts";
import { findProviderActor, localActorUri } from "../actors/local-actors.ts";
import { markMembers, recordedMembership } from "./membership.ts";
import { applyReplica } from "./replica.repository.ts";

/** Re-applies the local provider's replica if the profile changed since it was last written. */
export async function syncLocalReplica(db: Db, origin: string): Promise<boolean> {
  const provider = await findProviderActor(db);
  if (!provider) return false;
  const { record } = provider;
  const actorUri = localActorUri(origin, provider.identifier);
  const [current] = await db
    .select({ fresh: gte(directoryProviders.fetchedAt, record.updatedAt) })
    .from(directoryProviders)
    .where(and(eq(directoryProviders.actorUri, actorUri), eq(directoryProviders.local, true)));
  if (current?.fresh) return false;
  await applyReplica(db, {
    actorUri,
    handle: `@${record.handle}@${new URL(origin).host}`,
    name: record.name,
    url: actorUri,
    iconUrl: record.iconImage ? new URL(imagePath(record.iconImage), origin).href : null,
    profile: record.profile,
    local: true,
    depth: 0,
    closingAt: record.closing ? new Date(record.closing.effective) : null,
    closingSuccessor: record.closing?.successor ?? null,
    movedTo: record.movedTo ?? null,
  });
  // Written for the first time: it may already be a member of a network this instance is in.
  if (!current) await markMembers(db, await recordedMembership(db).memberships(), [actorUri]);
  return true;
}

/** Throttles syncLocalReplica so a busy search page checks at most every few seconds. */
export function localReplicaSyncer(db: Db, origin: string, everyMs = 2000): () => Promise<void> {
  let checkedAt = 0;
  let running: Promise<unknown> | undefined;
  return async () => {
    const now = Date.now();
    if (now - checkedAt < everyMs) return;
    running ??= syncLocalReplica(db, origin).finally(() => {
      checkedAt = Date.now();
      running = undefined;
    });
    await running;
  };
}
