import type { Context } from "@fedify/fedify";
import type { Services } from "../../services.ts";

/** The identifiers of the local actors among these URIs (the others are not ours). */
export function localIdentifiers(ctx: Context<Services>, uris: readonly (URL | null | undefined)[]): string[] {
  const identifiers = new Set<string>();
  for (const uri of uris) {
    const parsed = uri ? ctx.parseUri(uri) : null;
    if (parsed?.type === "actor") identifiers.add(parsed.identifier);
  }
  return [...identifiers];
}
