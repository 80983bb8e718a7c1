import type { InboxContext } from "@fedify/fedify";
import { Note } from "@fedify/vocab";
import type { Runtime } from "../../runtime.ts";

/** The id of the announcement a URL names, if it is one of ours (live or not). */
export function ourAnnouncementId(ctx: InboxContext<Runtime>, url: URL | null): string | null {
  if (!url) return null;
  const parsed = ctx.parseUri(url);
  return parsed?.type === "object" && parsed.class === Note ? (parsed.values.id ?? null) : null;
}
