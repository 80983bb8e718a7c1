// `commonhost queue`: the durable queue's state, and its dead letters (messages given up on).
import { z } from "zod";
import {
  countDeadLetters,
  dropDeadLetter,
  listDeadLetters,
  queueStatus,
  requeueDeadLetters,
} from "../db/queue-admin.ts";
import { describeQueueMessage } from "../db/queue-message-summary.ts";
import { callApi } from "./server-api.ts";
import type { Config } from "../config.ts";
import { DatabaseInUseError } from "../db/client.ts";
import { err, out, printable, withDatabase, type Command } from "./command.ts";

const usage =
  "commonhost queue status | commonhost queue dead [--limit N] | commonhost queue retry ID|--all | commonhost queue drop ID";

const messageId = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);
const limit = z
  .string()
  .regex(/^[1-9]\d{0,4}$/)
  .transform(Number);

type ApiQueue = {
  queued: number;
  ready: number;
  delayed: number;
  inProgress: number;
  retrying: number;
  deadLetters: number;
  dead: { id: number; description: string; attempts: number; lastError: string | null; failedAt: string }[];
};

/** The running server's answer (GET /api/v1/queue), or why there is none. */
async function queueFromServer(config: Config, token: string, limit = 100): Promise<ApiQueue | string> {
  try {
    const { status, json } = await callApi(config, token, "GET", `/queue?limit=${Math.min(limit, 500)}`);
    if (status === 200) return json as ApiQueue;
    return (json as { error?: { message?: string } })?.error?.message ?? `HTTP ${status}`;
  } catch (error) {
    return `the server does not answer (${(error as Error).message})`;
  }
}

/**
 * Reads the database directly; on an embedded database held by the running server, asks the server
 * instead (with --token or COMMONHOST_TOKEN).
 */
async function readQueue(config: Config, token: string | undefined, limit: number): Promise<ApiQueue | string> {
  if (token) return queueFromServer(config, token, limit);
  try {
    return await withDatabase(config, async (database) => {
      const [status, letters, total] = [
        await queueStatus(database),
        await listDeadLetters(database, limit),
        await countDeadLetters(database),
      ];
      return {
        ...status,
        deadLetters: total,
        dead: letters.map((l) => ({
          id: l.messageId,
          description: describeQueueMessage(l.payload),
          attempts: l.attempts,
          lastError: l.lastError,
          failedAt: l.failedAt.toISOString(),
        })),
      };
    });
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    return `${error.message}\nWith an operator API token (--token TOKEN or COMMONHOST_TOKEN), \`commonhost queue\` asks the running server.`;
  }
}

const serverError = (status: number, json: unknown) => {
  err((json as { error?: { message?: string } })?.error?.message ?? `The server answered HTTP ${status}.`);
  return 1;
};

const notFound = (id: number) => {
  err(`No dead letter has the id ${id}. \`commonhost queue dead\` lists them.`);
  return 1;
};

export const queueCommand: Command = {
  summary: "See the delivery queue and act on its dead letters: status, dead, retry, drop.",
  usage,
  options: {
    all: { type: "boolean", description: "With retry: put every dead letter back on the queue." },
    limit: { type: "string", description: "With dead: how many to list, the most recent first (default 100)." },
    token: {
      type: "string",
      description:
        "An operator API token: ask the running server (needed with the embedded database while `serve` runs; or set COMMONHOST_TOKEN).",
    },
  },
  async run({ values, positionals, config }) {
    const [action, target, ...extra] = positionals;
    const token = typeof values.token === "string" ? values.token : config().cliToken;
    const usageError = (message: string) => {
      err(`${message}\nUsage: ${usage}`);
      return 2;
    };
    if (extra.length > 0) return usageError(`Unexpected arguments: ${extra.join(" ")}.`);
    if (values.all && action !== "retry") return usageError("--all goes with retry only.");
    if (values.limit !== undefined && action !== "dead") return usageError("--limit goes with dead only.");
    if ((action === "status" || action === "dead") && target) return usageError(`${action} takes no argument.`);

    if (action === "status") {
      const status = await readQueue(config(), token, 1);
      if (typeof status === "string") {
        err(status);
        return 1;
      }
      out(
        `Queued: ${status.queued} (ready ${status.ready}, delayed ${status.delayed}, in progress ${status.inProgress})`,
      );
      out(`Dead letters: ${status.deadLetters}${status.deadLetters > 0 ? " (see `commonhost queue dead`)" : ""}`);
      return 0;
    }

    if (action === "dead") {
      const parsed = limit.safeParse(values.limit ?? "100");
      if (!parsed.success)
        return usageError(
          `--limit needs a whole number from 1 to 99999, not "${printable(String(values.limit), 40)}".`,
        );
      const queue = await readQueue(config(), token, parsed.data);
      if (typeof queue === "string") {
        err(queue);
        return 1;
      }
      const letters = queue.dead;
      const total = queue.deadLetters;
      if (letters.length === 0) out("No dead letters.");
      for (const letter of letters) {
        const error = letter.lastError ? printable(letter.lastError) : "no error recorded";
        out(
          `${letter.id}  failed ${letter.failedAt}  ${letter.attempts} attempts  ${printable(letter.description)}  ${error}`,
        );
      }
      if (total > letters.length) out(`… and ${total - letters.length} older (use --limit to see more).`);
      return 0;
    }

    if (action === "retry") {
      if ((values.all === true) === (target !== undefined))
        return usageError("retry needs either a dead letter's id or --all.");
      if (values.all) {
        if (token)
          return usageError("retry --all works on the database directly; with --token, retry one id at a time.");
        const requeued = await withDatabase(config(), (database) => requeueDeadLetters(database));
        out(
          requeued.length === 0
            ? "No dead letters."
            : `${requeued.length} dead letter${requeued.length === 1 ? " is" : "s are"} back on the queue.`,
        );
        return 0;
      }
      const id = messageId.safeParse(target);
      if (!id.success)
        return usageError(
          `"${printable(target!, 40)}" is not a dead letter id (a number from \`commonhost queue dead\`).`,
        );
      if (token) {
        const { status, json } = await callApi(config(), token, "POST", `/queue/dead/${id.data}/retry`);
        if (status === 404) return notFound(id.data);
        if (status !== 200) return serverError(status, json);
        out(`Dead letter ${id.data} is back on the queue as message ${(json as { messageId: number }).messageId}.`);
        return 0;
      }
      const [requeued] = await withDatabase(config(), (database) => requeueDeadLetters(database, id.data));
      if (requeued === undefined) return notFound(id.data);
      out(`Dead letter ${id.data} is back on the queue as message ${requeued}, with a fresh count of tries.`);
      return 0;
    }

    if (action === "drop") {
      const id = messageId.safeParse(target);
      if (!id.success)
        return usageError(
          target
            ? `"${printable(target, 40)}" is not a dead letter id (a number from \`commonhost queue dead\`).`
            : "drop needs a dead letter's id.",
        );
      if (token) {
        const { status, json } = await callApi(config(), token, "POST", `/queue/dead/${id.data}/drop`);
        if (status === 404) return notFound(id.data);
        if (status !== 204) return serverError(status, json);
      } else if (!(await withDatabase(config(), (database) => dropDeadLetter(database, id.data))))
        return notFound(id.data);
      out(`Dead letter ${id.data} deleted.`);
      return 0;
    }

    return usageError(action ? `Unknown queue action "${printable(action, 40)}".` : "queue needs an action.");
  },
};
