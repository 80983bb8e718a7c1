// /api/v1/queue: the delivery queue's counts and dead letters, and retry/drop of a dead letter. What
// `commonhost queue` shows, asked of the running server (on the embedded database the server holds
// the database, so the command line asks here).
import { z } from "zod";
import {
  countDeadLetters,
  dropDeadLetter,
  listDeadLetters,
  queueStatus,
  requeueDeadLetters,
} from "../../db/queue-admin.ts";
import { describeQueueMessage } from "../../db/queue-message-summary.ts";
import type { WebDeps } from "../deps.ts";
import { apiError } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { deadLetterRetriedSchema, queueSchema } from "./schemas.ts";

const deadLetterParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/)
    .transform(Number)
    .describe("The dead letter's message id, as `GET /api/v1/queue` lists it."),
});
const queueQuery = z.object({
  limit: z.coerce
    .number({ message: "expected a whole number" })
    .int({ message: "expected a whole number" })
    .min(1, { message: "at least 1" })
    .max(500, { message: "at most 500" })
    .default(100)
    .describe("How many dead letters to list, the most recent first (1 to 500)."),
});

export function queueApiRoutes({ services }: WebDeps): RouteSpec[] {
  const { database } = services;
  return [
    defineRoute({
      method: "get",
      path: "/v1/queue",
      operationId: "getQueue",
      tag: "Queue",
      summary: "The delivery queue: counts and dead letters",
      description:
        "What `commonhost queue status` and `queue dead` show. A dead letter is described in a few words (its kind and where it goes), never by its content.",
      query: queueQuery,
      responses: { 200: { description: "The queue now.", schema: queueSchema } },
      async handle(c, { query }) {
        const [status, letters, total] = await Promise.all([
          queueStatus(database),
          listDeadLetters(database, query.limit),
          countDeadLetters(database),
        ]);
        return c.json({
          ...status,
          deadLetters: total,
          dead: letters.map((l) => ({
            id: l.messageId,
            description: describeQueueMessage(l.payload),
            attempts: l.attempts,
            lastError: l.lastError,
            queuedAt: l.queuedAt.toISOString(),
            failedAt: l.failedAt.toISOString(),
          })),
        });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/queue/dead/:id/retry",
      operationId: "retryDeadLetter",
      tag: "Queue",
      summary: "Put a dead letter back on the queue",
      description: "With a fresh count of tries; it gets a new message id.",
      params: deadLetterParams,
      responses: { 200: { description: "Back on the queue.", schema: deadLetterRetriedSchema } },
      errors: [404],
      async handle(c, { params, t }) {
        const [requeued] = await requeueDeadLetters(database, params.id);
        if (requeued === undefined) return apiError(c, 404, "not_found", t("api.error.notFound"));
        return c.json({ id: params.id, messageId: requeued });
      },
    }),
    defineRoute({
      method: "post",
      path: "/v1/queue/dead/:id/drop",
      operationId: "dropDeadLetter",
      tag: "Queue",
      summary: "Delete a dead letter for good",
      params: deadLetterParams,
      responses: { 204: { description: "Deleted." } },
      errors: [404],
      async handle(c, { params, t }) {
        if (!(await dropDeadLetter(database, params.id))) return apiError(c, 404, "not_found", t("api.error.notFound"));
        return c.body(null, 204);
      },
    }),
  ];
}
