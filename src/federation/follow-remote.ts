// Following another provider (or any fediverse account) by handle or URL.
import { type Actor, isActor } from "@fedify/vocab";
import { requestFollow, unfollow, type Followed } from "../domain/following/following.ts";
import { findProviderActor, localActorUri } from "../domain/actors/local-actors.ts";
import { fail, fieldError, ok, type Result } from "../domain/validation.ts";
import type { Runtime } from "../runtime.ts";
import type { AppFederation } from "./federation.ts";
import { actorHandle, actorKind, actorName } from "./inbox/actor-info.ts";

const handlePattern = /^@?[^@\s]+@[^@\s]+$/;

export async function followRemote(
  federation: AppFederation,
  services: Runtime,
  handleOrUrl: string,
): Promise<Result<Followed>> {
  const query = handleOrUrl.trim();
  if (!handlePattern.test(query) && !/^https?:\/\//.test(query)) {
    return fail("invalid", "follow.badTarget", { fields: { target: fieldError("handleOrUrl") } });
  }
  const provider = await findProviderActor(services.database.db);
  if (!provider) return fail("not_found", "provider.notSetUp");
  const actor = await lookupActor(federation, services, query);
  if (!actor?.id || !actor.inboxId) {
    return fail("not_found", "follow.notFound", { vars: { query }, fields: { target: fieldError("notFound") } });
  }
  const ownUri = new URL(localActorUri(services.config.origin, provider.identifier));
  if (actor.id.href === ownUri.href) return fail("invalid", "follow.self", { fields: { target: fieldError("self") } });
  const followId = `${ownUri.href}#follows/${crypto.randomUUID()}`;
  const row = await requestFollow(
    services.database.db,
    {
      actorUri: actor.id.href,
      inbox: actor.inboxId.href,
      sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
      handle: actorHandle(actor),
      name: actorName(actor),
      kind: actorKind(actor),
    },
    followId,
  );
  return ok(row);
}

/** The actor behind `@handle@host` (WebFinger) or an actor URL, or null when there is none. */
export async function lookupActor(federation: AppFederation, services: Runtime, query: string): Promise<Actor | null> {
  const ctx = federation.createContext(new URL(services.config.origin), services);
  try {
    const target = query.startsWith("http") ? query : ((await plainHttpActorUrl(services, query)) ?? query);
    const found = await ctx.lookupObject(target.startsWith("http") ? target : target.replace(/^@?/, "@"));
    return found && isActor(found) ? found : null;
  } catch (error) {
    services.logger.info({ err: error, query }, "lookup failed");
    return null;
  }
}

/**
 * Fedify asks WebFinger about a handle over https only. A peer on a local network that this instance
 * is allowed to reach on a private address (ALLOW_PRIVATE_ADDRESS, or its http origin listed in
 * ALLOW_PRIVATE_ORIGINS) may serve plain http: ask it there, and take its actor URL only on that origin.
 */
async function plainHttpActorUrl(services: Runtime, handle: string): Promise<string | null> {
  const [, user, host] = /^@?([^@\s]+)@([^@\s]+)$/.exec(handle) ?? [];
  if (!user || !host || !URL.canParse(`http://${host}`)) return null;
  const origin = new URL(`http://${host}`).origin;
  const { allowPrivateAddress, allowPrivateOrigins } = services.config;
  if (!allowPrivateAddress && !allowPrivateOrigins.includes(origin)) return null;
  try {
    const resource = encodeURIComponent(`acct:${user}@${host}`);
    const response = await fetch(`${origin}/.well-known/webfinger?resource=${resource}`, {
      headers: { Accept: "application/jrd+json" },
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const jrd = (await response.json()) as { links?: { rel?: string; type?: string; href?: string }[] };
    const self = jrd.links?.find((link) => link.rel === "self" && /activity\+json|ld\+json/.test(link.type ?? ""));
    return self?.href && URL.canParse(self.href) && new URL(self.href).origin === origin ? self.href : null;
  } catch {
    return null;
  }
}

export async function unfollowRemote(services: Runtime, actorUri: string): Promise<Result<{ actorUri: string }>> {
  return (await unfollow(services.database.db, actorUri)) ? ok({ actorUri }) : fail("not_found", "follow.notFollowing");
}
