// The actor document and its WebFinger answer, served from memory. They are by far the most
// requested documents (every remote server that sees the provider fetches them), and building them
// through JSON-LD compaction on each request would cost a hundred times more than serving bytes.
import type { Context } from "hono";
import type { WebDeps } from "./deps.ts";
import { baseSecurityHeaders } from "./middleware/security-headers.ts";

const AP_TYPES = ["application/activity+json", "application/ld+json"];

export function wantsActivityJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return AP_TYPES.some((t) => accept.includes(t));
}

// Made only when the cached actor must be rebuilt: a Fedify context per request would cost more
// than everything else these paths do.
function contextFor(deps: WebDeps, c: Context) {
  return () => deps.federation.createContext(c.req.raw, deps.services);
}

// The response headers of an actor document, built once per cached document.
const actorHeaders = new WeakMap<object, Record<string, string>>();

export async function serveActorDocument(deps: WebDeps, c: Context): Promise<Response | undefined> {
  const entry = await deps.localActors.document(contextFor(deps, c), c.req.param("identifier") ?? "");
  if (!entry) return undefined;
  let headers = actorHeaders.get(entry);
  if (!headers) {
    headers = {
      ...baseSecurityHeaders,
      "Content-Type": "application/activity+json",
      ETag: entry.etag,
      "Cache-Control": "public, max-age=60",
      Vary: "Accept",
      "Last-Modified": entry.record.updatedAt.toUTCString(),
    };
    actorHeaders.set(entry, headers);
  }
  if (c.req.header("if-none-match") === entry.etag) return new Response(null, { status: 304, headers });
  return new Response(entry.body, { headers });
}

let parsedOrigin: { href: string; origin: string; host: string } | undefined;
function originOf(href: string) {
  if (parsedOrigin?.href !== href) {
    const { origin, host } = new URL(href);
    parsedOrigin = { href, origin, host };
  }
  return parsedOrigin;
}

const JRD_HEADERS = {
  ...baseSecurityHeaders,
  "Content-Type": "application/jrd+json",
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=300",
};

const jrdCache = new WeakMap<object, { etag: string; body: string }>();

/** The identifier a WebFinger resource names on this instance: acct:name@host, acct:@name@host, or an actor URI. */
export function webFingerIdentifier(resource: string, origin: string, host: string): string | undefined {
  const acct = /^acct:@?([^@/]+)@([^@/]+)$/i.exec(resource);
  if (acct) return acct[2]!.toLowerCase() === host.toLowerCase() ? acct[1]!.toLowerCase() : undefined;
  const prefix = `${origin}/actors/`;
  if (!resource.startsWith(prefix)) return undefined;
  const rest = resource.slice(prefix.length);
  return rest && !rest.includes("/") && !rest.includes("#") && !rest.includes("?") ? rest : undefined;
}

/** The one WebFinger answer: for a local actor, its JRD; 404 for anything else; 400 without a resource. */
export async function serveWebFinger(deps: WebDeps, c: Context): Promise<Response> {
  const resource = c.req.query("resource");
  if (!resource)
    return new Response("Missing resource parameter.", {
      status: 400,
      headers: { ...baseSecurityHeaders, "Content-Type": "text/plain; charset=utf-8" },
    });
  const { origin, host } = originOf(deps.services.config.origin);
  const identifier = webFingerIdentifier(resource, origin, host);
  const entry = identifier === undefined ? undefined : await deps.localActors.document(contextFor(deps, c), identifier);
  if (!entry)
    return new Response("Not found.", {
      status: 404,
      headers: {
        ...baseSecurityHeaders,
        "Content-Type": "text/plain; charset=utf-8",
        "Access-Control-Allow-Origin": "*",
      },
    });
  let jrd = jrdCache.get(entry);
  if (!jrd) {
    const actorUri = entry.uri.href;
    const body = JSON.stringify({
      subject: `acct:${entry.identifier}@${host}`,
      aliases: [actorUri],
      links: [
        { rel: "self", type: "application/activity+json", href: actorUri },
        { rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: actorUri },
      ],
    });
    jrd = { etag: entry.etag, body };
    jrdCache.set(entry, jrd);
  }
  return new Response(jrd.body, { headers: JRD_HEADERS });
}
