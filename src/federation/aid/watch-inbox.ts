// A health watch report batch arriving at an inbox once its HTTP signature checked out: kept only from
// its reporter, with its reporter's proof, well formed, and from a current member of a network this
// instance is a current member of too; anything else is refused with a 4xx saying why.
import { receiveBatch } from "../../domain/aid/watch/watch.ts";
import { translator } from "../../i18n/i18n.ts";
import { failureText } from "../../i18n/failures.ts";
import { verifyAuthored } from "../networks/authored.ts";
import { type InboxAnswer, refusedWith } from "../networks/inbox-answer.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { aidNetwork } from "./membership.ts";
import { isReportActivity, parseReportObject } from "./report-document.ts";

/** The answer to a HealthReport, or undefined when the activity is not one. */
export async function handleWatchReport(
  rt: NetworksRuntime,
  json: Record<string, unknown>,
): Promise<InboxAnswer | undefined> {
  if (!isReportActivity(json)) return undefined;
  const log = rt.services.logger.child({ module: "watch" });
  const object = json.object as Record<string, unknown>;
  const sender = json.actor;
  if (typeof sender !== "string") return refusedWith(422, "The activity names no actor.");
  if (object.attributedTo !== sender) return refusedWith(403, "A report batch is sent by its reporter only.");
  const parsed = parseReportObject(object);
  if (!parsed.ok) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "object"}: ${i.message}`).slice(0, 5);
    return refusedWith(422, `The report batch is not valid (${where.join("; ")}).`);
  }
  const authored = await verifyAuthored(object, sender, rt.loaders(), rt.keyCache());
  if (!authored.ok) {
    log.info({ from: sender, why: authored.why }, "health report refused");
    return refusedWith(403, `The report batch is refused: ${authored.why}.`);
  }
  const network = await aidNetwork(rt, parsed.network);
  const result = await receiveBatch(rt.services.database.db, sender, network, parsed.batch, new Date());
  if (result.ok) return { status: 202 };
  log.info({ from: sender, reason: result.error.reason }, "health report refused");
  const status = result.error.code === "forbidden" ? 403 : 422;
  return refusedWith(status, failureText(translator("en"), result.error));
}
