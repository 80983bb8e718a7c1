// What the instance keeps about a remote actor it hears from: how to reach it and how to name it.
import type { Actor } from "@fedify/vocab";
import { httpUrlOrNull } from "../../domain/html.ts";

export function actorHandle(actor: Actor): string | null {
  const username = actor.preferredUsername?.toString();
  return username && actor.id ? `@${username}@${actor.id.host}` : null;
}

/** The actor's ActivityStreams type as its short name (Group, Service, Person, Application, Organization). */
export function actorKind(actor: Actor): string {
  const typeId = (actor.constructor as { typeId?: URL }).typeId;
  return typeId?.hash.slice(1) || "Object";
}

export function actorName(actor: Actor): string | null {
  return actor.name?.toString().slice(0, 200) ?? null;
}

/** The actor's page to link to: its `url` if that is an http(s) URL, else its id (if that is one). */
export function actorUrl(actor: Actor): string | null {
  const url = actor.url;
  const page = url instanceof URL ? url.href : url?.href?.href;
  return httpUrlOrNull(page) ?? httpUrlOrNull(actor.id?.href);
}
