// An emergency as fellow members receive it. It travels as a `Create` (declared) or an `Update`
// (resolved) of an object of our own type `Emergency`, not of a `Note` with an extension: it is meant
// for Commonhost members only, which read it as raw JSON after the inbox's signature checks, and a
// Mastodon server that somehow received it drops a Create of a type it does not know rather than
// showing a half-understood post (it keeps only Note, Article, Page, Question and media types, and
// would drop our `ch:` terms). The public face of an emergency is the separate Note to followers.
import type { Emergency } from "../../domain/emergencies/emergencies.ts";
import type { IncomingEmergency } from "../../domain/emergencies/rules.ts";
import { EMERGENCY_DOCUMENT_CONTEXT } from "../vocab/context.ts";

type Json = Record<string, unknown>;

export function emergencyObject(e: Emergency): Json {
  return {
    type: "Emergency",
    id: e.id,
    attributedTo: e.declaredBy,
    emergencyKind: e.kind,
    summary: e.summary,
    content: e.needsHtml,
    source: { content: e.needs, mediaType: "text/markdown" },
    subject: e.subject,
    onBehalf: e.onBehalf,
    emergencyState: e.state,
    published: e.openedAt.toISOString(),
    ...(e.resolvedAt ? { resolved: e.resolvedAt.toISOString() } : {}),
  };
}

export function emergencyActivity(e: Emergency, type: "Create" | "Update", activityId: string, to: string): Json {
  return {
    "@context": EMERGENCY_DOCUMENT_CONTEXT,
    id: activityId,
    type,
    actor: e.declaredBy,
    to: [to],
    object: emergencyObject(e),
  };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a JSON activity is a Create or an Update of an Emergency. */
export const isEmergencyActivity = (json: Json): json is Json & { object: Json } =>
  (json.type === "Create" || json.type === "Update") && isObject(json.object) && json.object.type === "Emergency";

/** The domain's view of an emergency object (validated by the domain). */
export function incomingOf(object: Json): Partial<Record<keyof IncomingEmergency, unknown>> {
  const source = isObject(object.source) ? object.source.content : undefined;
  return {
    id: object.id,
    kind: object.emergencyKind,
    summary: object.summary,
    needs: source,
    declaredBy: object.attributedTo,
    subject: object.subject,
    onBehalf: object.onBehalf,
    state: object.emergencyState,
    openedAt: object.published,
    resolvedAt: object.resolved,
  };
}
