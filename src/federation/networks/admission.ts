// An application (`Join`) arriving at a member: the member checks it against its record and the
// charter's questions, then opens the admission motion itself (`by` = this member, `subject` = the
// applicant, its answers), delivered to every member and to the applicant, with the network's founding
// so the applicant can follow the vote. The network decides; this member only puts the question.
import { z } from "zod";
import { recordEvent } from "../../domain/events.ts";
import { openMotion } from "../../domain/networks/actions.ts";
import { idOf } from "../../domain/networks/objects.ts";
import { deliveryOf, publishObject, recipientsOf } from "./publish.ts";
import type { NetworksRuntime } from "./runtime.ts";
import type { InboxAnswer } from "./inbox-answer.ts";
import { refusedWith } from "./inbox-answer.ts";

const application = z.object({
  actor: z.string().max(2048).refine(URL.canParse),
  object: z.string().max(2048),
  answers: z.record(z.string().max(2000), z.string().max(20_000)).optional(),
  content: z.string().max(50_000).optional(),
});

export async function receiveApplication(rt: NetworksRuntime, json: Record<string, unknown>): Promise<InboxAnswer> {
  const parsed = application.safeParse(json);
  if (!parsed.success) return refusedWith(422, "The application is not a Join of an actor to a network.");
  const { actor: applicant, object: network, content } = parsed.data;
  const answers = parsed.data.answers ?? {};
  const self = await rt.self();
  const held = await rt.store.replica(network);
  if (!self || !held) return refusedWith(404, "This instance holds no such network.");
  const now = Date.now();
  const record = held.replica.record(now, rt.services.config.networkSettleMs);
  if (record.members.get(self.actor)?.status !== "member")
    return refusedWith(403, "This instance is not a current member of the network.");
  const standing = record.members.get(applicant)?.status;
  if (standing === "member" || standing === "suspended")
    return refusedWith(422, "The applicant is already a member of the network.");
  const missing = record.charter.questions.find((q) => !answers[q]?.trim());
  if (missing !== undefined) return refusedWith(422, `The application does not answer: ${missing}`);
  if (Object.keys(answers).some((a) => !record.charter.questions.includes(a)))
    return refusedWith(422, "The application answers a question the charter does not ask.");

  const genesis = idOf(held.replica.genesis.object);
  const pending = [...record.motions.values()].find(
    (m) => m.motion.kind === "admission" && m.motion.subject === applicant && m.status === "open" && now < m.closesAt,
  );
  if (pending) {
    // An application sent again (the applicant missed something): send it what it needs to follow the vote.
    if (pending.motion.by === self.actor) {
      await rt.services.database.db.transaction(async (tx) => {
        await recordEvent(tx, deliveryOf(record.network, genesis, applicant));
        await recordEvent(tx, deliveryOf(record.network, pending.id, applicant));
      });
      rt.services.queue.wake();
    }
    return { status: 202 };
  }
  const made = openMotion(
    record,
    self.actor,
    { kind: "admission", subject: applicant, text: content?.trim() ?? "", answers },
    now,
    rt.services.config.networkMinWindowMs,
  );
  if (!made.ok) return refusedWith(422, `The admission motion cannot be opened: ${made.failure.code}.`);
  await publishObject(rt, self, made.value, recipientsOf(record, made.value, self.actor), [
    deliveryOf(record.network, genesis, applicant),
  ]);
  return { status: 202 };
}
