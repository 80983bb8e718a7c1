// What a queue message is, in a few words, for operators: never its content, since Fedify's
// delivery messages carry the instance's private signing keys.
import { isApplicationMessage } from "./message-queue.ts";

/** "https://www.w3.org/ns/activitystreams#Create" and "Create" both give "Create". */
const shortType = (type: unknown) =>
  typeof type === "string" && type ? (type.split(/[#/]/).pop() ?? type) : "activity";

const activityTypeOf = (activity: unknown) =>
  activity && typeof activity === "object" ? shortType((activity as { type?: unknown }).type) : "activity";

export function describeQueueMessage(payload: unknown): string {
  if (isApplicationMessage(payload)) return `event ${payload.commonhost}`;
  if (!payload || typeof payload !== "object") return "unknown message";
  const message = payload as Record<string, unknown>;
  const activity =
    typeof message.activityType === "string" ? shortType(message.activityType) : activityTypeOf(message.activity);
  switch (message.type) {
    case "outbox":
      return `fedify outbox: ${activity} to ${typeof message.inbox === "string" ? message.inbox : "an inbox"}`;
    case "fanout": {
      const inboxes = message.inboxes && typeof message.inboxes === "object" ? Object.keys(message.inboxes).length : 0;
      return `fedify fanout: ${activity} to ${inboxes} inbox${inboxes === 1 ? "" : "es"}`;
    }
    case "inbox":
      return `fedify inbox: ${activity} received`;
    default:
      return "unknown message";
  }
}
