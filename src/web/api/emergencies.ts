// /api/v1/emergencies: incidents this provider declares (for itself, or on behalf of a fellow member
// that cannot speak) and those received from fellow members; resolving one of ours.
import { z } from "zod";
import {
  declareEmergency,
  type Emergency,
  listEmergencies,
  resolveEmergency,
} from "../../domain/emergencies/emergencies.ts";
import { EMERGENCY_KINDS, emergencyInputSchema } from "../../domain/emergencies/rules.ts";
import { emergencyPorts } from "../../federation/emergencies/ports.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Emergencies";

// The domain's own schema, so that the API names every bad field at once.
const declareBodySchema = z.object({
  kind: emergencyInputSchema.shape.kind,
  summary: emergencyInputSchema.shape.summary.meta({
    description: "One line: what happened.",
    example: "Our server was seized.",
  }),
  needs: emergencyInputSchema.shape.needs.meta({
    description: "What is needed, in markdown.",
    example: "Temporary mail hosting.",
  }),
  onBehalfOf: emergencyInputSchema.shape.onBehalfOf.meta({
    description:
      "The actor URI of a fellow member that cannot speak for itself; both must be current members of a shared network, and by a charter's default (`onBehalf: partners`) have an active agreement.",
  }),
});

const emergencySchema = z.object({
  key: z.string(),
  id: z.string().meta({ description: "The emergency's URI, on the declaring instance." }),
  kind: z.enum(EMERGENCY_KINDS),
  summary: z.string(),
  needs: z.string().meta({ description: "Markdown." }),
  needsHtml: z.string().meta({ description: "Sanitised HTML." }),
  declaredBy: z.string(),
  subject: z.string().meta({ description: "The member in trouble." }),
  onBehalf: z.boolean(),
  onBehalfLabel: z
    .string()
    .nullable()
    .meta({ description: "“Declared on behalf of X by Y”, in the request's language, when on behalf." }),
  local: z.boolean().meta({ description: "Declared by this instance (false: received from a fellow member)." }),
  state: z.enum(["open", "resolved"]),
  note: z.string().nullable().meta({ description: "The public pinned note (own emergencies while open)." }),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  recipients: z.array(z.string()).meta({
    description:
      "Own emergencies: the members told, in the order their deliveries are queued (active agreement partners first, then the rest of the network); empty for received ones.",
  }),
});

function emergencyJson(origin: string, t: Translate, e: Emergency) {
  return {
    key: e.key,
    id: e.id,
    kind: e.kind,
    summary: e.summary,
    needs: e.needs,
    needsHtml: e.needsHtml,
    declaredBy: e.declaredBy,
    subject: e.subject,
    onBehalf: e.onBehalf,
    onBehalfLabel: e.onBehalf ? t("emergencies.onBehalf", { subject: e.subject, by: e.declaredBy }) : null,
    local: e.local,
    state: e.state,
    note: e.announcementId && e.state === "open" ? new URL(`/announcements/${e.announcementId}`, origin).href : null,
    openedAt: e.openedAt.toISOString(),
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    recipients: e.local ? [...e.recipients] : [],
  };
}

export function emergencyApiRoutes({ services, federation, localActors }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const { origin } = services.config;
  return [
    defineRoute({
      method: "post",
      path: "/v1/emergencies",
      operationId: "declareEmergency",
      tag: TAG,
      summary: "Declare an emergency",
      description:
        "Sends it to every current fellow member of the networks shared with its subject, this provider's active agreement partners first (their deliveries are queued before the rest of the network's), and publishes a pinned public note with a content warning to followers. With `onBehalfOf`, speaks for a fellow member as the networks' charters allow (`onBehalf`): by default only an agreement partner, a provider with an active agreement with it; with `members`, any current member of a shared network. Refused with 403 otherwise, the reason naming which. It is marked as declared on its behalf everywhere.",
      body: declareBodySchema,
      responses: { 201: { description: "The emergency.", schema: emergencySchema } },
      errors: [403, 404],
      async handle(c, { body, t }) {
        const ports = await emergencyPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await declareEmergency(db, body, ports);
        if (!result.ok) {
          if (result.error.code === "invalid") return apiFailure(c, result.error, 422);
          return failureResponse(c, result.error);
        }
        services.queue.wake();
        return c.json(emergencyJson(origin, t, result.value), 201);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/emergencies",
      operationId: "listEmergencies",
      tag: TAG,
      summary: "Emergencies: this instance's own and those received from fellow members",
      responses: {
        200: { description: "Open and resolved, newest first.", schema: z.object({ items: z.array(emergencySchema) }) },
      },
      async handle(c, { t }) {
        return c.json({ items: (await listEmergencies(db)).map((e) => emergencyJson(origin, t, e)) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/emergencies/:key/resolve",
      operationId: "resolveEmergency",
      tag: TAG,
      summary: "Resolve an emergency this instance declared",
      description: "Deletes and unpins the public note, and sends an `Update` (resolved) to the members told.",
      params: z.object({ key: z.string() }),
      responses: { 200: { description: "The resolved emergency.", schema: emergencySchema } },
      errors: [403, 404, 409],
      async handle(c, { params, t }) {
        const result = await resolveEmergency(db, params.key, new Date());
        if (!result.ok) return failureResponse(c, result.error);
        services.queue.wake();
        return c.json(emergencyJson(origin, t, result.value));
      },
    }),
  ];
}
