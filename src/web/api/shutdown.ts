// /api/v1/shutdown: this provider's notice of closing down; /api/v1/successions: requests from
// closing providers that this provider take over from them, and its consent.
import { z } from "zod";
import { findProviderActor } from "../../domain/actors/local-actors.ts";
import {
  announceShutdown,
  currentNotice,
  type ShutdownNotice,
  withdrawShutdown,
} from "../../domain/shutdown/shutdown.ts";
import { answerSuccession, listSuccessions, type SuccessionRequest } from "../../domain/shutdown/successions.ts";
import { closingAudience, shutdownPorts } from "../../federation/shutdown.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Closing down";

const shutdownBodySchema = z.object({
  effective: z.string().meta({ description: "An ISO date (midnight UTC) or instant.", example: "2027-03-01" }),
  successor: z.string().meta({ description: "`@handle@host` or an actor URL.", example: "@coop@next.example" }),
  message: z.string().meta({ description: "The migration note for users, in markdown." }),
});

const moveStates = ["awaiting_consent", "will_move", "moved", "no_move", "withdrawn"] as const;

const noticeSchema = z.object({
  id: z.string(),
  effective: z.string(),
  successor: z.object({ actorUri: z.string(), handle: z.string().nullable() }),
  message: z.string(),
  note: z.string().meta({ description: "The public, pinned note announcing the closing." }),
  consent: z.enum(["pending", "accepted", "rejected"]),
  state: z.enum(["standing", "withdrawn", "moved", "closed"]),
  move: z.enum(moveStates).meta({
    description:
      "What happens at the date: `awaiting_consent` (no Move without it), `will_move`, `moved`, `no_move` (closed without a Move: see `outcome`).",
  }),
  outcome: z.enum(["no_consent", "rejected", "not_aliased"]).nullable(),
  createdAt: z.string(),
});

const successionSchema = z.object({
  key: z.string(),
  predecessor: z.object({ actorUri: z.string(), handle: z.string().nullable(), name: z.string().nullable() }),
  effective: z.string(),
  message: z.string(),
  state: z.enum(["pending", "accepted", "rejected", "withdrawn"]),
  receivedAt: z.string(),
});

const keyParams = z.object({ key: z.string() });

function moveOf(n: ShutdownNotice): (typeof moveStates)[number] {
  if (n.state === "withdrawn") return "withdrawn";
  if (n.state === "moved") return "moved";
  if (n.state === "closed") return "no_move";
  return n.consent === "accepted" ? "will_move" : "awaiting_consent";
}

function noticeJson(origin: string, n: ShutdownNotice) {
  return {
    id: n.id,
    effective: n.effective.toISOString(),
    successor: { actorUri: n.successorUri, handle: n.successorHandle },
    message: n.message,
    note: new URL(`/announcements/${n.announcementId}`, origin).href,
    consent: n.consent,
    state: n.state,
    move: moveOf(n),
    outcome: (n.outcome as z.infer<typeof noticeSchema>["outcome"]) ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

const successionJson = (r: SuccessionRequest) => ({
  key: r.key,
  predecessor: { actorUri: r.predecessorUri, handle: r.predecessorHandle, name: r.predecessorName },
  effective: r.effective.toISOString(),
  message: r.message,
  state: r.state,
  receivedAt: r.receivedAt.toISOString(),
});

export function shutdownApiRoutes({ services, federation, localActors }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const { origin } = services.config;
  const answer = (accept: boolean) =>
    defineRoute({
      method: "post",
      path: `/v1/successions/:key/${accept ? "accept" : "reject"}`,
      operationId: accept ? "acceptSuccession" : "rejectSuccession",
      tag: TAG,
      summary: accept ? "Consent to take over from a closing provider" : "Decline to take over from a closing provider",
      description: accept
        ? "Adds the closing provider's actor to this actor's `alsoKnownAs` and sends an `Accept` of its `Offer`."
        : "Sends a `Reject` of its `Offer`: the closing provider will not move its followers here.",
      params: keyParams,
      responses: { 200: { description: "The request, answered.", schema: successionSchema } },
      errors: [404, 409],
      async handle(c, { params }) {
        const result = await answerSuccession(db, params.key, accept, new Date());
        if (!result.ok) return failureResponse(c, result.error);
        services.queue.wake();
        return c.json(successionJson(result.value));
      },
    });

  return [
    defineRoute({
      method: "post",
      path: "/v1/shutdown",
      operationId: "announceShutdown",
      tag: TAG,
      summary: "Announce that this provider will close",
      description:
        "The effective date must keep the notice the profile promises (`norms.shutdownNoticeDays`); a date too early is named in `error.fields.effective` with the earliest allowed. Publishes a pinned note to followers and asks the successor's consent with an `Offer`.",
      body: shutdownBodySchema,
      responses: { 201: { description: "The notice.", schema: noticeSchema } },
      errors: [404, 409],
      async handle(c, { body, t }) {
        const ports = await shutdownPorts(federation, services, localActors);
        if (!ports) return apiError(c, 404, "not_found", t("errors.provider.notSetUp"));
        const result = await announceShutdown(db, body, ports);
        if (!result.ok) {
          if (result.error.fields) return apiFailure(c, { ...result.error, code: "invalid" }, 422);
          return failureResponse(c, result.error);
        }
        services.queue.wake();
        return c.json(noticeJson(origin, result.value), 201);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/shutdown",
      operationId: "getShutdown",
      tag: TAG,
      summary: "The current notice of closing",
      description: "The standing notice, or the last one settled at its date; 404 when there is none.",
      responses: { 200: { description: "The notice.", schema: noticeSchema } },
      errors: [404],
      async handle(c, { t }) {
        const notice = await currentNotice(db);
        return notice ? c.json(noticeJson(origin, notice)) : apiError(c, 404, "not_found", t("errors.shutdown.none"));
      },
    }),
    defineRoute({
      method: "delete",
      path: "/v1/shutdown",
      operationId: "withdrawShutdown",
      tag: TAG,
      summary: "Withdraw the notice of closing (before its date)",
      description: "Deletes and unpins the public note, and sends an `Undo` of the `Offer` to the successor.",
      responses: { 200: { description: "The withdrawn notice.", schema: noticeSchema } },
      errors: [404, 409],
      async handle(c) {
        const result = await withdrawShutdown(db, new Date(), await closingAudience(federation, services, localActors));
        if (!result.ok) return failureResponse(c, result.error);
        services.queue.wake();
        return c.json(noticeJson(origin, result.value));
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/successions",
      operationId: "listSuccessions",
      tag: TAG,
      summary: "Requests to be the successor of a closing provider",
      responses: { 200: { description: "Newest first.", schema: z.object({ items: z.array(successionSchema) }) } },
      async handle(c) {
        if (!(await findProviderActor(db))) return c.json({ items: [] });
        return c.json({ items: (await listSuccessions(db)).map(successionJson) });
      },
    }),
    answer(true),
    answer(false),
  ];
}
