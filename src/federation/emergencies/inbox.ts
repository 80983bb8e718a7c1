// Emergencies arriving at an inbox once its trust checks passed (the HTTP signature of the activity's
// actor): a `Create` or `Update` of an `Emergency`, read as the JSON it is (Fedify's vocabulary does
// not know the type). A sender that is not a current fellow member is refused and nothing is stored.
import { receiveEmergency } from "../../domain/emergencies/incoming.ts";
import { translator } from "../../i18n/i18n.ts";
import { failureText } from "../../i18n/failures.ts";
import { incomingOf, isEmergencyActivity } from "../mappers/emergency.ts";
import type { InboxAnswer } from "../networks/inbox-answer.ts";
import { refusedWith } from "../networks/inbox-answer.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { fellowsInNetwork } from "./membership.ts";

/** The answer to an emergency activity, or undefined when the activity is not one. */
export async function handleEmergencyActivity(
  rt: NetworksRuntime,
  json: Record<string, unknown>,
): Promise<InboxAnswer | undefined> {
  if (!isEmergencyActivity(json)) return undefined;
  const log = rt.services.logger.child({ module: "emergencies" });
  if (typeof json.actor !== "string") return refusedWith(422, "The activity names no actor.");
  const received = await receiveEmergency(
    rt.services.database.db,
    json.actor,
    incomingOf(json.object),
    (sender, subject) => fellowsInNetwork(rt, sender, subject),
    new Date(),
  );
  if (received.ok) {
    log.info({ from: json.actor, key: received.value.key, stored: received.value.stored }, "emergency received");
    return { status: 202 };
  }
  const reason = failureText(translator("en"), received.error);
  log.info({ from: json.actor, reason: received.error.reason }, "emergency refused");
  return refusedWith(received.error.code === "forbidden" ? 403 : 422, reason);
}
