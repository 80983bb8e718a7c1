// Emergencies: one delivery per fellow member, HTTP-signed as network activities are (a failed one
// is retried from the queue without holding back the others). The public note to followers goes out
// as an announcement (announcements.ts).
import { findEmergency } from "../../domain/emergencies/emergencies.ts";
import type { EmergencyEvent } from "../../domain/emergencies/events.ts";
import { emergencyActivity } from "../mappers/emergency.ts";
import { postTo } from "../networks/deliver.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { activityId, type Senders } from "./outgoing.ts";

export const emergencySenders: Senders<EmergencyEvent["commonhost"]> = {
  async "emergency.deliver"({ ctx, services, actors }, event) {
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    const row = await findEmergency(services.database.db, event.key);
    if (!self || !row?.local || row.declaredBy !== self.actor) return;
    const kind = event.type === "Create" ? "emergency-creates" : "emergency-updates";
    await postTo(
      rt,
      self,
      event.to,
      emergencyActivity(row, event.type, activityId(new URL(self.actor), kind).href, event.to),
    );
  },
};
