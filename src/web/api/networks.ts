// /api/v1/networks: the networks this instance is in, founding and joining them, their motions, ballots
// and decision record, and leaving. Every answer comes from NetworkOperations (deps.networks), which reads
// the record this instance folded itself; a token acts with an admin's rights, as everywhere in the API.
import type { Context } from "hono";
import type { Failure } from "../../domain/validation.ts";
import { type FailureContext, withFields } from "../../domain/networks/failure-fields.ts";
import type { WebDeps } from "../deps.ts";
import { apiFailure } from "../errors.ts";
import { apiError, failureResponse } from "./errors.ts";
import {
  ballotCastSchema,
  decisionRecordSchema,
  motionListSchema,
  motionOpenSchema,
  motionParams,
  motionSchema,
  networkFoundSchema,
  networkJoinSchema,
  networkListSchema,
  networkParams,
  networkSchema,
} from "./network-schemas.ts";
import { decisionJson, motionJson, networkJson } from "./network-serialize.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";

const TAG = "Networks";

/**
 * A failure about what was sent (a field it names: a rule's window, a ballot's reason, a `via` that
 * cannot be found) is a 422; the others keep their status (403, 404, 409).
 */
function refused(c: Context, failure: Failure, context?: FailureContext) {
  const named = context ? withFields(failure, context) : failure;
  if (named.fields) return apiFailure(c, { ...named, code: "invalid" }, 422);
  return failureResponse(c, named);
}

export function networkApiRoutes({ networks }: WebDeps): RouteSpec[] {
  /** The network of a `:key`, or the 404 to answer. */
  const known = async (c: Context, key: string, t: (k: string) => string) =>
    (await networks.get(key)) ?? apiError(c, 404, "not_found", t("api.error.notFound"));

  return [
    defineRoute({
      method: "get",
      path: "/v1/networks",
      operationId: "listNetworks",
      tag: TAG,
      summary: "The networks this instance is in or applying to",
      description: "Each with this instance's `status`, the members and their state, and the charter in force.",
      responses: { 200: { description: "Every network this instance knows of.", schema: networkListSchema } },
      async handle(c) {
        return c.json({ items: (await networks.list()).map(networkJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks",
      operationId: "foundNetwork",
      tag: TAG,
      summary: "Found a network, with this provider as its first member",
      description:
        "The charter's rules are checked against `NETWORK_MIN_WINDOW`; a window that is too short is named in `error.fields`.",
      body: networkFoundSchema,
      responses: { 201: { description: "The new network.", schema: networkSchema } },
      async handle(c, { body }) {
        const result = await networks.found({
          name: body.name,
          purpose: body.purpose,
          charter: { ...body.charter, purpose: body.purpose },
        });
        if (!result.ok) return refused(c, result.error, "found");
        return c.json(networkJson(result.value), 201);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks/join",
      operationId: "joinNetwork",
      tag: TAG,
      summary: "Apply to a network through one of its members",
      description:
        "Sends the application to the member named by `via`, which opens an admission motion. The network is then listed with status `applicant` until the motion is decided.",
      body: networkJoinSchema,
      responses: { 202: { description: "The application was sent.", schema: networkSchema } },
      errors: [404, 409],
      async handle(c, { body }) {
        const result = await networks.join({
          via: body.via,
          answers: body.answers,
          ...(body.network ? { network: body.network } : {}),
        });
        if (!result.ok) return refused(c, result.error);
        return c.json(networkJson(result.value), 202);
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/networks/:key/motions",
      operationId: "listMotions",
      tag: TAG,
      summary: "A network's motions, open and decided, with their tallies",
      params: networkParams,
      responses: { 200: { description: "Every motion, the newest first.", schema: motionListSchema } },
      errors: [403],
      async handle(c, { params, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.motions(network.key);
        if (!result.ok) return failureResponse(c, result.error);
        return c.json({ items: result.value.map(motionJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks/:key/motions",
      operationId: "openMotion",
      tag: TAG,
      summary: "Open a motion",
      description:
        "`subject` names the member concerned by a suspension, reinstatement or expulsion; an amendment carries the whole next `charter`. Admissions are opened by applications (`POST /api/v1/networks/join`).",
      params: networkParams,
      body: motionOpenSchema,
      responses: { 201: { description: "The motion, open.", schema: motionSchema } },
      errors: [403, 409],
      async handle(c, { params, body, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.openMotion(network.key, {
          kind: body.kind,
          text: body.text,
          ...(body.subject ? { subject: body.subject } : {}),
          ...(body.charter ? { charter: body.charter } : {}),
          ...(body.until ? { until: body.until } : {}),
        });
        if (!result.ok) return refused(c, result.error, "motion");
        return c.json(motionJson(result.value), 201);
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks/:key/motions/:motionKey/ballot",
      operationId: "castBallot",
      tag: TAG,
      summary: "Cast this provider's ballot on an open motion",
      description:
        "One ballot per member instance: a later ballot before the close replaces the earlier one. A `block` needs a `reason`.",
      params: motionParams,
      body: ballotCastSchema,
      responses: { 200: { description: "The motion with the ballot counted.", schema: motionSchema } },
      errors: [403, 409],
      errorNotes: {
        403: "This instance is suspended, or was not a member when the motion opened.",
        409: "The motion is closed.",
      },
      async handle(c, { params, body, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.vote(network.key, params.motionKey, {
          choice: body.choice,
          ...(body.reason ? { reason: body.reason } : {}),
        });
        if (!result.ok) return refused(c, result.error, "ballot");
        return c.json(motionJson(result.value));
      },
    }),
    defineRoute({
      method: "get",
      path: "/v1/networks/:key/decisions",
      operationId: "listDecisions",
      tag: TAG,
      summary: "The network's decision record, oldest first, and its head",
      params: networkParams,
      responses: { 200: { description: "The hash-chained record.", schema: decisionRecordSchema } },
      errors: [403],
      async handle(c, { params, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.decisions(network.key);
        if (!result.ok) return failureResponse(c, result.error);
        return c.json({ head: result.value.head, decisions: result.value.decisions.map(decisionJson) });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks/:key/leave",
      operationId: "leaveNetwork",
      tag: TAG,
      summary: "Leave a network",
      description:
        "Sends a signed `Leave` to every member; the departure is recorded. Coming back is a new application.",
      params: networkParams,
      responses: { 200: { description: "The network, with status `left`.", schema: networkSchema } },
      errors: [403, 409],
      async handle(c, { params, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.leave(network.key);
        if (!result.ok) return failureResponse(c, result.error);
        return c.json(networkJson(result.value));
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/networks/:key/fork/acknowledge",
      operationId: "acknowledgeFork",
      tag: TAG,
      summary: "Clear the warning that the decision record changed",
      description:
        "Once an operator has read the `fork` warning, clears it. The record itself is not touched; a later change below a decision already shown raises a new warning.",
      params: networkParams,
      responses: { 200: { description: "The network, with `fork` null.", schema: networkSchema } },
      async handle(c, { params, t }) {
        const network = await known(c, params.key, t);
        if (network instanceof Response) return network;
        const result = await networks.acknowledgeFork(network.key);
        if (!result.ok) return failureResponse(c, result.error);
        return c.json(networkJson(result.value));
      },
    }),
  ];
}
