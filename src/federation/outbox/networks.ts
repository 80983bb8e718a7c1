// Networks: signed objects delivered to members' inboxes, applications sent to the member they go
// through, and the network's answer sent to an applicant. Each is posted as the JSON it is, HTTP-signed
// with the provider's key; what a delivery misses, anti-entropy repairs (ADR 0016).
import type { NetworkEvent } from "../../domain/networks/events.ts";
import { findNetwork, updateNetwork } from "../../domain/networks/networks.repository.ts";
import { idOf } from "../../domain/networks/objects.ts";
import { postTo } from "../networks/deliver.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { NETWORK_DOCUMENT_CONTEXT } from "../vocab/context.ts";
import { activityId, type Outgoing, type Senders } from "./outgoing.ts";

type Name = Extract<
  NetworkEvent["commonhost"],
  "network.object.deliver" | "network.application.send" | "network.application.answered"
>;

const runtimeOf = ({ ctx, services, actors }: Outgoing) => networksRuntime(services, ctx.federation, actors);

export const networkSenders: Senders<Name> = {
  async "network.object.deliver"(out, event) {
    const rt = runtimeOf(out);
    const self = await rt.self();
    const held = await rt.store.replica(event.network);
    if (!self || !held) return;
    const { genesis } = held.replica;
    const document = (event.id === idOf(genesis.object) ? genesis : held.replica.objects([event.id])[0])?.proof;
    if (!document || typeof document !== "object") {
      out.services.logger.warn({ network: event.network, id: event.id }, "network object to deliver is not held");
      return;
    }
    const doc = document as Record<string, unknown>;
    // A departure is an activity in its own right; every other document travels inside an Add.
    const activity =
      doc.type === "Leave" && doc.actor === self.actor
        ? doc
        : {
            "@context": "https://www.w3.org/ns/activitystreams",
            id: activityId(new URL(self.actor), "network-adds").href,
            type: "Add",
            actor: self.actor,
            object: doc,
            target: event.network,
          };
    await postTo(rt, self, event.to, activity);
  },

  async "network.application.send"(out, event) {
    const rt = runtimeOf(out);
    const self = await rt.self();
    const row = await findNetwork(out.services.database.db, event.network);
    if (!self || !row?.via || row.status !== "applicant") return;
    const join = {
      "@context": NETWORK_DOCUMENT_CONTEXT,
      id: activityId(new URL(self.actor), "network-joins").href,
      type: "Join",
      actor: self.actor,
      object: row.id,
      answers: row.answers ?? {},
      published: new Date().toISOString(),
    };
    await postTo(rt, self, row.via, join);
    await updateNetwork(out.services.database.db, row.id, { applicationSentAt: new Date() });
  },

  async "network.application.answered"(out, event) {
    const rt = runtimeOf(out);
    const self = await rt.self();
    if (!self) return;
    const answer = {
      "@context": NETWORK_DOCUMENT_CONTEXT,
      id: activityId(new URL(self.actor), event.accepted ? "network-accepts" : "network-rejects").href,
      type: event.accepted ? "Accept" : "Reject",
      actor: self.actor,
      object: { type: "Join", actor: event.applicant, object: event.network },
    };
    await postTo(rt, self, event.applicant, answer);
  },
};
