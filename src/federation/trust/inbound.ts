// Everything an inbox POST must pass before Fedify (and any JSON-LD work, any fetch) sees it, in
// the order of what it costs us: its size, how deep it nests, that it is JSON, that it names no
// JSON-LD context we would have to fetch, then who signed it (authenticate.ts) and whether its
// sender may make us send anything more this hour. Fedify verifies the signature again afterwards.
import { Router } from "@fedify/fedify";
import { Activity, Follow } from "@fedify/vocab";
import { kvStoreFor } from "../../db/kv-store.ts";
import type { Runtime } from "../../runtime.ts";
import { readLimited } from "../../http/read-limited.ts";
import type { AppFederation } from "../federation.ts";
import { paths } from "../paths.ts";
import { authenticate } from "./authenticate.ts";
import { unknownContexts } from "./contexts.ts";
import { MAX_DEPTH, nestsDeeperThan } from "./depth.ts";
import { countFollow } from "./follow-quota.ts";
import { isNetworkDocumentType } from "../networks/documents.ts";

export type Refusal = { ok: false; status: 400 | 401 | 413 | 429; code: string; message: string };
/** A request that passed: its body as received, and parsed. */
export type Inbound = { ok: true; request: Request; json: Record<string, unknown> } | Refusal;

const refuse = (status: Refusal["status"], code: string, message: string): Refusal => ({
  ok: false,
  status,
  code,
  message,
});

// The inbox routes as Fedify matches them, so no spelling of an inbox URL goes around the check.
const inboxes = new Router();
inboxes.add(paths.inbox, "inbox");
inboxes.add(paths.sharedInbox, "sharedInbox");

export function isInboxPath(pathname: string): boolean {
  return inboxes.route(pathname) !== null;
}

export async function checkInbound(services: Runtime, federation: AppFederation, request: Request): Promise<Inbound> {
  const { config, database } = services;
  const body = await readLimited(request, config.inboxMaxBytes);
  if (body === "too_large") return refuse(413, "too_large", `The body is larger than ${config.inboxMaxBytes} bytes.`);
  if (nestsDeeperThan(body))
    return refuse(400, "too_deep", `The body nests objects or arrays more than ${MAX_DEPTH} levels deep.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return refuse(400, "invalid", "The body is not valid JSON.");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return refuse(400, "invalid", "The body must be a JSON-LD object.");
  const remote = unknownContexts(json);
  if (remote.length > 0)
    return refuse(
      400,
      "unknown_context",
      `The body names JSON-LD contexts this instance does not fetch: ${remote.slice(0, 3).join(", ")}.`,
    );
  const received = new Request(request.url, { method: "POST", headers: request.headers, body });
  const ctx = federation.createContext(received, services);
  const loaders = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
  let activity: Activity;
  try {
    activity = await Activity.fromJsonLd(withoutNetworkDocument(json as Record<string, unknown>), loaders);
  } catch {
    return refuse(400, "invalid", "The body is not an ActivityStreams activity.");
  }
  const authentication = await authenticate(
    received.clone(),
    json as Record<string, unknown>,
    activity,
    loaders,
    kvStoreFor(database),
  );
  if (!authentication.ok)
    return refuse(401, "unauthenticated", `The activity is not proven to come from its actor: ${authentication.why}.`);
  if (activity instanceof Follow) {
    const over = await countFollow(database, activity.actorId!);
    if (over) return refuse(429, "rate_limited", `Too many follows: ${over}. Try again later.`);
  }
  return { ok: true, request: received, json: json as Record<string, unknown> };
}

/**
 * The activity as the vocabulary reads it: a network document carried by an `Add`, and an `Emergency`
 * carried by a `Create` or `Update`, have types of our own, which the vocabulary refuses, so they are read
 * by their id (the networks and emergencies inboxes check the object itself).
 */
function withoutNetworkDocument(json: Record<string, unknown>): Record<string, unknown> {
  const object = json.object;
  if (typeof object !== "object" || object === null || Array.isArray(object)) return json;
  const { id, type } = object as Record<string, unknown>;
  return (isNetworkDocumentType(type) && type !== "Leave") || type === "Emergency" || type === "HealthReport"
    ? { ...json, object: typeof id === "string" ? id : null }
    : json;
}
