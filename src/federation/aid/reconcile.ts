// Agreement reconciliation (ADR 0021): each party serves its copy of an agreement to the other party
// only (`GET /aid/agreements/{hex}` on its own origin, signed), and on the networks' sync interval
// compares each agreement it holds that is not final, or changed in the last 30 days, with the other
// party's copy. The steps the other party took that never arrived here are applied as delivered ones
// are (`receiveAgreementAction`), so a lost delivery leaves the two sides different for one interval.
import { z } from "zod";
import { counterpartOf, type Agreement, type AgreementAction } from "../../domain/aid/agreements.ts";
import { agreementUri } from "../../domain/aid/aid.ts";
import { listAgreementsToReconcile } from "../../domain/aid/aid.repository.ts";
import { receiveAgreementAction } from "../../domain/aid/incoming.ts";
import { stepsBy } from "../../domain/aid/reconcile.ts";
import { instantSchema } from "../../domain/aid/proposals.ts";
import { agreementObject, AID_CONTEXT } from "../mappers/aid.ts";
import type { NetworkSelf, NetworksRuntime } from "../networks/runtime.ts";
import { getSigned, SignedHttpError } from "../networks/signed-http.ts";
import { verifierFor } from "./signatures.ts";

const COPY_CONTEXT = [AID_CONTEXT[0], { ...AID_CONTEXT[1], aidSteps: "ch:aidSteps" }] as const;

/** The copy `self` serves: the Agreement as delivered, its state, and the signed steps `self` took on it. */
export function agreementCopy(a: Agreement, uri: string, self: string): Record<string, unknown> {
  return {
    ...agreementObject(a, uri),
    "@context": COPY_CONTEXT,
    aidState: a.state,
    aidSteps: stepsBy(a, self),
  };
}

const MAX_STEPS = 200;
const text = z.string().max(10_000);
const actor = z.string().max(2048);
const stepSchema = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["accept", "acceptRenewal"]), by: actor, at: instantSchema, signature: text }),
  z.object({ type: z.literal("renew"), by: actor, at: instantSchema, until: text, signature: text }),
  z.object({ type: z.literal("breach"), by: actor, at: instantSchema, reason: text }),
  z.object({ type: z.enum(["reject", "cancel", "end", "declineRenewal"]), by: actor, at: instantSchema }),
]);
const copySchema = z.looseObject({
  type: z.literal("Agreement"),
  termsDigest: z.string(),
  aidSteps: z.array(stepSchema).max(MAX_STEPS),
});

/** Compares every agreement due with the other party's copy; returns how many of its steps were accepted (repeats included). */
export async function reconcileAgreements(rt: NetworksRuntime): Promise<number> {
  const self = await rt.self();
  if (!self) return 0;
  let applied = 0;
  for (const row of await listAgreementsToReconcile(rt.services.database.db, new Date())) {
    try {
      applied += await reconcileOne(rt, self, row.agreement);
    } catch (err) {
      rt.services.logger.debug({ err, agreement: row.id }, "agreement not compared with the other party");
    }
  }
  return applied;
}

async function reconcileOne(rt: NetworksRuntime, self: NetworkSelf, a: Agreement): Promise<number> {
  const other = counterpartOf(a, self.actor);
  let answer: unknown;
  try {
    // Each party serves its copy at the same path on its own origin as the proposer's Agreement URI.
    const url = new URL(agreementUri(other, a.id));
    answer = await getSigned(url, self.httpKey, { timeoutMs: 15_000, maxBytes: 256 * 1024 });
  } catch (err) {
    // The other party does not hold it (its proposal never arrived), or an older version serves nothing.
    if (err instanceof SignedHttpError && err.status === 404) return 0;
    throw err;
  }
  const copy = copySchema.safeParse(answer);
  if (!copy.success || copy.data.termsDigest !== a.id) return 0;
  const steps = copy.data.aidSteps.filter((s) => s.by === other) as AgreementAction[];
  const { db } = rt.services.database;
  const verify = await verifierFor(rt, [other]);
  let applied = 0;
  for (const step of steps) {
    const received = await receiveAgreementAction(db, other, a.id, step, verify, new Date());
    if (received.ok) applied++;
    rt.services.logger.debug(
      { agreement: a.id, step: step.type, outcome: received.ok ? received.value.state : received.error.reason },
      "agreement step reconciled",
    );
  }
  return applied;
}
