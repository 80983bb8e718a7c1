import type { Context } from "@fedify/fedify";
import type { Runtime } from "../../runtime.ts";

/** The identifiers of the local actors among these URIs (the others are not ours). */
export function localIdentifiers(ctx: Context<Runtime>, uris: readonly (URL | null | undefined)[]): string[] {
  const identifiers = new Set<string>();
  for (const uri of uris) {
    const parsed = uri ? ctx.parseUri(uri) : null;
    if (parsed?.type === "actor") identifiers.add(parsed.identifier);
  }
  return [...identifiers];
}
