// Mutual aid: one delivery per recipient, HTTP-signed as network activities are, each object signed by
// its author (FEP-8b32) when it is sent. The public note of a public offer or request goes out to
// followers as an announcement (announcements.ts).
import { findAgreement, findProposal } from "../../domain/aid/aid.repository.ts";
import { findBatch } from "../../domain/aid/watch/watch.repository.ts";
import { REPORT_CONTEXT, reportObject } from "../aid/report-document.ts";
import type { AidEvent } from "../../domain/aid/events.ts";
import { agreementObject, agreementStep, aidActivity, proposalObject, proposalTombstone } from "../mappers/aid.ts";
import { postTo } from "../networks/deliver.ts";
import { isCurrentMember } from "../networks/membership.ts";
import { signDocument } from "../networks/proof.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { activityId, type Senders } from "./outgoing.ts";

export const aidSenders: Senders<AidEvent["commonhost"]> = {
  async "aid.proposal.deliver"({ ctx, services, actors }, event) {
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    const row = await findProposal(services.database.db, event.key);
    if (!self || !row?.local || row.author !== self.actor) return;
    // A member suspended, expelled or gone since publishing is not sent it.
    if (!(await isCurrentMember(rt, row.network, event.to))) return;
    const object = await signDocument(proposalObject(row.proposal, row.network), self.signer);
    const id = activityId(new URL(self.actor), "aid-proposals").href;
    await postTo(rt, self, event.to, aidActivity("Create", id, self.actor, event.to, object));
  },

  async "aid.proposal.withdraw"({ ctx, services, actors }, event) {
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    const row = await findProposal(services.database.db, event.key);
    if (!self || !row?.local || row.author !== self.actor || !row.withdrawnAt) return;
    // Told to every member it was sent to, even one that has left since: it may still show it.
    const id = activityId(new URL(self.actor), "aid-withdrawals").href;
    await postTo(
      rt,
      self,
      event.to,
      aidActivity("Delete", id, self.actor, event.to, proposalTombstone(row.id, row.withdrawnAt)),
    );
  },

  async "aid.agreement.deliver"({ ctx, services, actors }, event) {
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    const row = await findAgreement(services.database.db, event.key);
    if (!self || !row) return;
    const a = row.agreement;
    const id = activityId(new URL(self.actor), `aid-agreements-${event.action}`).href;
    const ref = { type: "Agreement", id: row.uri, termsDigest: a.id };
    let activity: Record<string, unknown>;
    if (event.action === "propose") {
      if (a.proposedBy !== self.actor) return;
      const object = await signDocument(agreementObject(a, row.uri), self.signer);
      activity = aidActivity("Create", id, self.actor, event.to, object);
    } else {
      const step = agreementStep(a, self.actor, event.action, ref);
      if (!step) return;
      activity = aidActivity(step.type, id, self.actor, event.to, step.object, step.extra);
    }
    await postTo(rt, self, event.to, activity);
  },

  async "aid.watch.deliver"({ ctx, services, actors }, event) {
    const rt = networksRuntime(services, ctx.federation, actors);
    const self = await rt.self();
    if (!self || !(await isCurrentMember(rt, event.network, event.to))) return;
    const batch = await findBatch(services.database.db, event.network, self.actor, new Date(event.round));
    if (!batch) return;
    const object = await signDocument(reportObject(batch, event.network), self.signer);
    const id = activityId(new URL(self.actor), "health-reports").href;
    const activity = { "@context": REPORT_CONTEXT, id, type: "Create", actor: self.actor, to: [event.to], object };
    await postTo(rt, self, event.to, activity);
  },
};
