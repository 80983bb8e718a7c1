// How Mastodon (4.x, app/lib/activitypub/activity/create.rb and parser/status_parser.rb) reads a
// Create of a Note it receives: which types it keeps, which origin it accepts, the visibility it
// derives from the addressing, and where it takes the text, language and link from. A document that
// reads as `undefined` here is one Mastodon drops.

export type MastodonStatus = {
  uri: string;
  visibility: "public" | "unlisted" | "private" | "direct";
  text: string;
  language: string | null;
  url: string | null;
  createdAt: string;
  sensitive: boolean;
  spoilerText: string;
};

const PUBLIC = ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"];
const SUPPORTED = ["Note", "Question"];
const CONVERTED = ["Article", "Page", "Image", "Video", "Audio", "Event"];

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : [value].flat());
const idOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : ((value as { id?: string } | undefined)?.id ?? undefined);

/** The status Mastodon makes of a Create activity sent by `actorUri`, or undefined when it drops it. */
export function mastodonReads(activity: Record<string, unknown>, actorUri: string): MastodonStatus | undefined {
  if (activity.type !== "Create" || idOf(activity.actor) !== actorUri) return undefined;
  const object = activity.object as Record<string, unknown> | undefined;
  if (!object || typeof object !== "object") return undefined;
  const type = String(object.type);
  if (!SUPPORTED.includes(type) && !CONVERTED.includes(type)) return undefined;
  const uri = idOf(object);
  // An object must come from the host of the actor that sends it.
  if (!uri || new URL(uri).host !== new URL(actorUri).host) return undefined;
  if (idOf(object.attributedTo) !== actorUri) return undefined;
  const to = list(object.to).map(idOf);
  const cc = list(object.cc).map(idOf);
  const visibility = to.some((a) => PUBLIC.includes(a ?? ""))
    ? "public"
    : cc.some((a) => PUBLIC.includes(a ?? ""))
      ? "unlisted"
      : to.length > 0
        ? "private"
        : "direct";
  const contentMap = object.contentMap as Record<string, string> | undefined;
  const mapLanguage = contentMap && Object.keys(contentMap).length > 0 ? Object.keys(contentMap)[0]! : null;
  const text =
    typeof object.content === "string" && object.content ? object.content : (contentMap?.[mapLanguage!] ?? "");
  const url = list(object.url)
    .map((u) => (typeof u === "string" ? u : (u as { href?: string }).href))
    .find((u) => typeof u === "string" && /^https?:\/\//.test(u));
  return {
    uri,
    visibility,
    text,
    language: mapLanguage,
    url: url ?? null,
    createdAt: String(object.published ?? ""),
    sensitive: object.sensitive === true,
    spoilerText: typeof object.summary === "string" ? object.summary : "",
  };
}
