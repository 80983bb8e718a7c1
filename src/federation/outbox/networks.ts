// Networks: signed objects delivered to members' inboxes, applications sent to the member they go through.
import type { NetworkEvent } from "../../domain/networks/events.ts";
import type { Senders } from "./outgoing.ts";

type Name = Extract<NetworkEvent["commonhost"], "network.object.deliver" | "network.application.send">;

export const networkSenders: Senders<Name> = {
  async "network.object.deliver"() {
    throw new Error("network delivery is not wired yet");
  },
  async "network.application.send"() {
    throw new Error("network applications are not wired yet");
  },
};
