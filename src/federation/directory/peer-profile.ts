// Fetching a peer's actor document and reading its Commonhost profile out of it. Fedify drops
// unknown terms when it re-serialises an object, so the profile is read from the fetched JSON itself
// (whose @context must define our namespace) and validated like any other input.
import { profileSchema, type Profile } from "../../domain/profile/profile.schema.ts";
import type { Runtime } from "../../runtime.ts";
import { addressPolicyOf, checkUrl } from "../trust/addresses.ts";
import { NAMESPACE } from "../vocab/context.ts";

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;
const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

export type PeerDocument = {
  actorUri: string;
  handle: string | null;
  name: string;
  url: string | null;
  /** The actor's `icon` URL (http(s) only); checked against private addresses before it is kept. */
  iconUrl: string | null;
  profile: Profile;
  following: string | null;
  /** The collection of its open public offers and requests (`aidProposals`), on its own host. */
  proposals: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A standing notice of closing (`closing`) and, once moved, the successor (`movedTo`). */
  closingAt: Date | null;
  closingSuccessor: string | null;
  movedTo: string | null;
};

export type FetchOutcome =
  | { status: "ok"; document: PeerDocument }
  | { status: "not-modified" }
  | { status: "gone" }
  | { status: "not-a-provider"; reason: string }
  | { status: "failed"; reason: string };

/** GET with the instance's rules: public addresses only (unless allowed), no redirects, bounded size and time. */
export async function getJson(
  services: Runtime,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json?: unknown; headers: Headers } | { error: string }> {
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== "https:" && target.protocol !== "http:") return { error: "not an http(s) URL" };
    await checkUrl(addressPolicyOf(services.config), target);
  } catch (error) {
    return { error: `refused URL: ${(error as Error).message}` };
  }
  try {
    const response = await fetch(target, {
      headers: { Accept: ACCEPT, "User-Agent": `Commonhost/0.1.0 (+${services.config.origin})`, ...headers },
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: response.status, headers: response.headers };
    }
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_BYTES) {
      await response.body?.cancel();
      return { error: "document too large" };
    }
    const text = await response.text();
    if (text.length > MAX_BYTES) return { error: "document too large" };
    return { status: 200, json: JSON.parse(text), headers: response.headers };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const definesNamespace = (context: unknown): boolean => {
  const list = Array.isArray(context) ? context : [context];
  return list.some(
    (c) => c === NAMESPACE || (c && typeof c === "object" && Object.values(c as object).includes(NAMESPACE)),
  );
};

const str = (v: unknown, max: number): string | null =>
  typeof v === "string" && v.length > 0 ? v.slice(0, max) : null;
const firstString = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** The URL of an ActivityStreams Image (or a bare link, or the first of a list), if it is http(s). */
export function imageUrlOf(value: unknown): string | null {
  const image = firstString(value);
  const url = image && typeof image === "object" ? firstString((image as { url?: unknown }).url) : image;
  const href = url && typeof url === "object" ? (url as { href?: unknown }).href : url;
  if (typeof href !== "string" || href.length > 2048) return null;
  try {
    const parsed = new URL(href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The icon URL as pages may show it: browsers load it from the provider's instance, so an address in
 * a private network (where a visitor's browser would reach into their own network) is not kept.
 */
export async function publicIconUrl(services: Runtime, url: string | null): Promise<string | null> {
  if (!url) return url;
  try {
    await checkUrl(addressPolicyOf(services.config), new URL(url));
    return url;
  } catch {
    return null;
  }
}

/** Reads a provider out of an actor document; anything unexpected makes it "not a provider". */
export function readPeerDocument(actorUri: string, json: unknown, headers: Headers): FetchOutcome {
  if (!json || typeof json !== "object") return { status: "not-a-provider", reason: "not a JSON object" };
  const doc = json as Record<string, unknown>;
  if (doc.id !== actorUri) return { status: "not-a-provider", reason: "the document's id is not the actor's URI" };
  if (!definesNamespace(doc["@context"]))
    return { status: "not-a-provider", reason: "no Commonhost vocabulary in @context" };
  const { taxonomyVersion: _v, ...raw } = (doc.commonhost ?? {}) as Record<string, unknown>;
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success)
    return { status: "not-a-provider", reason: `invalid profile: ${parsed.error.issues[0]?.message ?? "?"}` };
  const name = str(doc.name, 100) ?? str(doc.preferredUsername, 100);
  if (!name) return { status: "not-a-provider", reason: "no name" };
  const username = str(doc.preferredUsername, 100);
  const url = firstString(doc.url);
  const href = typeof url === "string" ? url : url && typeof url === "object" ? (url as { href?: unknown }).href : null;
  return {
    status: "ok",
    document: {
      actorUri,
      handle: username ? `@${username}@${new URL(actorUri).host}` : null,
      name,
      url: typeof href === "string" && /^https?:\/\//.test(href) ? href.slice(0, 2048) : null,
      iconUrl: imageUrlOf(doc.icon),
      profile: parsed.data,
      following: typeof doc.following === "string" && /^https?:\/\//.test(doc.following) ? doc.following : null,
      proposals: sameHost(actorUri, httpUrl(doc.aidProposals)),
      ...closingOf(doc),
      etag: headers.get("etag")?.slice(0, 200) ?? null,
      lastModified: headers.get("last-modified")?.slice(0, 100) ?? null,
    },
  };
}

const httpUrl = (v: unknown): string | null =>
  typeof v === "string" && /^https?:\/\//.test(v) && v.length <= 2048 ? v : null;

/** A URL on the actor's own host, else null: a provider lists only what its own instance serves. */
const sameHost = (actorUri: string, url: string | null): string | null =>
  url && new URL(url).host === new URL(actorUri).host ? url : null;

/** The notice of closing and the successor an actor publishes, if well formed. */
function closingOf(doc: Record<string, unknown>) {
  const closing = (doc.closing ?? {}) as { effective?: unknown; successor?: unknown };
  const at = typeof closing.effective === "string" ? new Date(closing.effective) : null;
  const successor = httpUrl(closing.successor);
  const valid = at && !Number.isNaN(at.getTime()) && successor;
  return {
    closingAt: valid ? at : null,
    closingSuccessor: valid ? successor : null,
    movedTo: httpUrl(doc.movedTo),
  };
}

/** One conditional GET of a peer's actor document. */
export async function fetchPeerProfile(
  services: Runtime,
  actorUri: string,
  cached: { etag?: string | null; lastModified?: string | null } = {},
): Promise<FetchOutcome> {
  const headers: Record<string, string> = {};
  if (cached.etag) headers["If-None-Match"] = cached.etag;
  if (cached.lastModified) headers["If-Modified-Since"] = cached.lastModified;
  const answer = await getJson(services, actorUri, headers);
  if ("error" in answer) return { status: "failed", reason: answer.error };
  if (answer.status === 304) return { status: "not-modified" };
  if (answer.status === 410) return { status: "gone" };
  if (answer.status !== 200) return { status: "failed", reason: `HTTP ${answer.status}` };
  return readPeerDocument(actorUri, answer.json, answer.headers);
}

/** The actor URIs in a (possibly paged) collection, bounded: never an unbounded crawl. */
export async function fetchCollectionItems(services: Runtime, url: string, max = 500, maxPages = 5): Promise<string[]> {
  const items: string[] = [];
  let next: string | null = url;
  for (let page = 0; next && page < maxPages && items.length < max; page++) {
    const answer = await getJson(services, next);
    if ("error" in answer || answer.status !== 200 || !answer.json || typeof answer.json !== "object") break;
    const doc = answer.json as Record<string, unknown>;
    const list = doc.orderedItems ?? doc.items;
    for (const item of Array.isArray(list) ? list : list ? [list] : []) {
      const id =
        typeof item === "string" ? item : item && typeof item === "object" ? (item as { id?: unknown }).id : null;
      if (typeof id === "string" && /^https?:\/\//.test(id) && id.length <= 2048) items.push(id);
      if (items.length >= max) break;
    }
    const first = doc.first;
    const link = page === 0 && !list ? first : doc.next;
    next =
      typeof link === "string"
        ? link
        : link && typeof link === "object"
          ? (((link as { id?: unknown }).id as string | null) ?? null)
          : null;
    // An embedded first page: read its items directly.
    if (page === 0 && !list && first && typeof first === "object") {
      const embedded = (first as Record<string, unknown>).orderedItems ?? (first as Record<string, unknown>).items;
      for (const item of Array.isArray(embedded) ? embedded : []) if (typeof item === "string") items.push(item);
      const n = (first as Record<string, unknown>).next;
      next = typeof n === "string" ? n : null;
    }
  }
  return [...new Set(items)].slice(0, max);
}
