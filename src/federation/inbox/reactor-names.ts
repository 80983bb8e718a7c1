// Who liked or boosted an announcement: the handle and name come from the actor's document, which
// Fedify parses in full (its keys imported too) each time it is asked for the actor. Likes and boosts
// are the bulk of the inbox, so the two strings are kept per actor for a few minutes.
import type { InboxContext } from "@fedify/fedify";
import { isActor, type Announce, type Like } from "@fedify/vocab";
import type { Runtime } from "../../runtime.ts";
import { actorHandle, actorName } from "./actor-info.ts";
import { lookupOptions } from "./lookup.ts";

type Names = { handle: string | null; name: string | null; until: number };

const MAX_ACTORS = 1000;
const KEEP_MS = 5 * 60_000;
// Insertion order doubles as age: the oldest entry goes first.
const known = new Map<string, Names>();

export async function reactorNames(
  ctx: InboxContext<Runtime>,
  activity: Like | Announce,
  actorUri: string,
): Promise<Omit<Names, "until">> {
  const kept = known.get(actorUri);
  if (kept && kept.until > Date.now()) return kept;
  const actor = await activity.getActor(lookupOptions(ctx));
  const names =
    actor && isActor(actor) ? { handle: actorHandle(actor), name: actorName(actor) } : { handle: null, name: null };
  known.delete(actorUri);
  known.set(actorUri, { ...names, until: Date.now() + KEEP_MS });
  if (known.size > MAX_ACTORS) known.delete(known.keys().next().value!);
  return names;
}

/** An actor that announced a new name or handle is read again next time. */
export function forgetReactorNames(actorUri: string): void {
  known.delete(actorUri);
}
