// What the instance keeps about a remote actor it hears from: how to reach it and how to name it.
import type { Actor } from "@fedify/vocab";

export function actorHandle(actor: Actor): string | null {
  const username = actor.preferredUsername?.toString();
  return username && actor.id ? `@${username}@${actor.id.host}` : null;
}

export function actorName(actor: Actor): string | null {
  return actor.name?.toString().slice(0, 200) ?? null;
}

export function actorUrl(actor: Actor): string | null {
  const url = actor.url;
  if (url instanceof URL) return url.href;
  return url?.href?.href ?? actor.id?.href ?? null;
}
