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
  },
  async run({ values, positionals, config }) {
    const [action, target, ...extra] = positionals;
    const usageError = (message: string) => {
      err(`${message}\nUsage: ${usage}`);
      return 2;
    };
    if (extra.length > 0) return usageError(`Unexpected arguments: ${extra.join(" ")}.`);
    if (values.all && action !== "retry") return usageError("--all goes with retry only.");
    if (values.limit !== undefined && action !== "dead") return usageError("--limit goes with dead only.");
    if ((action === "status" || action === "dead") && target) return usageError(`${action} takes no argument.`);

    if (action === "status") {
      const status = await withDatabase(config(), queueStatus);
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
      const { letters, total } = await withDatabase(config(), async (database) => ({
        letters: await listDeadLetters(database, parsed.data),
        total: await countDeadLetters(database),
      }));
      if (letters.length === 0) out("No dead letters.");
      for (const letter of letters) {
        const error = letter.lastError ? printable(letter.lastError) : "no error recorded";
        out(
          `${letter.messageId}  failed ${letter.failedAt.toISOString()}  ${letter.attempts} attempts  ${printable(describeQueueMessage(letter.payload))}  ${error}`,
        );
      }
      if (total > letters.length) out(`… and ${total - letters.length} older (use --limit to see more).`);
      return 0;
    }

    if (action === "retry") {
      if ((values.all === true) === (target !== undefined))
        return usageError("retry needs either a dead letter's id or --all.");
      if (values.all) {
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
      if (!(await withDatabase(config(), (database) => dropDeadLetter(database, id.data)))) return notFound(id.data);
      out(`Dead letter ${id.data} deleted.`);
      return 0;
    }

    return usageError(action ? `Unknown queue action "${printable(action, 40)}".` : "queue needs an action.");
  },
};
