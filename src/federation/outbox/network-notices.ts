// Networks seen from outside: followers read a public note when this provider joins or leaves a network
// or a public resolution passes; the directory follows membership.
import type { NetworkEvent } from "../../domain/networks/events.ts";
import type { Senders } from "./outgoing.ts";

type Name = Extract<NetworkEvent["commonhost"], "network.membership.changed" | "network.resolution.passed">;

export const networkNoticeSenders: Senders<Name> = {
  async "network.membership.changed"() {},
  async "network.resolution.passed"() {},
};
