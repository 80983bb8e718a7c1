// Mutual aid arriving at an inbox once its trust checks passed (the HTTP signature of the activity's
// actor): offers and requests (kept only from a current fellow member of the network they name),
// proposed agreements and the other party's steps. Objects must carry their author's proof.
import { receiveAgreementAction, receiveProposal, receiveProposedAgreement } from "../../domain/aid/incoming.ts";
import { receiveWithdrawal } from "../../domain/aid/aid.ts";
import { toFailure } from "../../domain/aid/failures.ts";
import type { Failure, Result } from "../../domain/validation.ts";
import { translator } from "../../i18n/i18n.ts";
import { failureText } from "../../i18n/failures.ts";
import { addressesOf, aidActivityOf, stepAction } from "../mappers/aid.ts";
import { verifyAuthored } from "../networks/authored.ts";
import type { InboxAnswer } from "../networks/inbox-answer.ts";
import { refusedWith } from "../networks/inbox-answer.ts";
import type { NetworksRuntime } from "../networks/runtime.ts";
import { parseAgreementDocument } from "./agreement-document.ts";
import { parseProposalDocument } from "./documents.ts";
import { sharedNetworks } from "./membership.ts";
import { verifierFor } from "./signatures.ts";
import { upstreamPort } from "./upstream.ts";

const refused = (failure: Failure): InboxAnswer =>
  refusedWith(
    failure.code === "forbidden" ? 403 : failure.code === "not_found" ? 404 : 422,
    failureText(translator("en"), failure),
  );

/** The answer to a mutual-aid activity, or undefined when the activity is not one. */
export async function handleAidActivity(
  rt: NetworksRuntime,
  json: Record<string, unknown>,
): Promise<InboxAnswer | undefined> {
  const activity = aidActivityOf(json);
  if (!activity) return undefined;
  const log = rt.services.logger.child({ module: "aid" });
  const sender = json.actor;
  if (typeof sender !== "string") return refusedWith(422, "The activity names no actor.");
  const self = await rt.self();
  if (!self) return refusedWith(404, "This instance has no provider yet.");
  const db = rt.services.database.db;
  const now = new Date();
  let result: Result<unknown>;
  if (activity.kind === "withdrawal") {
    if (typeof activity.proposal !== "string") return refusedWith(422, "The Tombstone names no proposal.");
    result = await receiveWithdrawal(db, sender, activity.proposal, now);
  } else if (activity.kind === "step") {
    if (typeof activity.digest !== "string") return refusedWith(422, "The activity names no agreement digest.");
    const step = stepAction(activity, sender, now.toISOString());
    result = await receiveAgreementAction(db, sender, activity.digest, step, await verifierFor(rt, [sender]), now);
  } else {
    const authored = await verifyAuthored(
      activity.object,
      String(activity.object.attributedTo),
      rt.loaders(),
      rt.keyCache(),
    );
    if (!authored.ok) {
      log.info({ from: sender, why: authored.why }, "aid object refused");
      return refusedWith(403, `The object is refused: ${authored.why}.`);
    }
    if (activity.kind === "proposal") {
      const parsed = parseProposalDocument(activity.object);
      if (!parsed.ok) return refused(toFailure(parsed.failure));
      const shared = (actor: string, named: readonly string[]) => sharedNetworks(rt, actor, named);
      result = await receiveProposal(db, sender, parsed.value, addressesOf(activity.object), shared, now);
    } else {
      const parsed = parseAgreementDocument(activity.object);
      if (!parsed.ok) return refused(toFailure(parsed.failure));
      const { object } = activity;
      const incoming = {
        uri: parsed.value.id,
        proposedBy: parsed.value.proposedBy,
        terms: parsed.value.terms,
        signature: String(object.aidSignature ?? ""),
        ...(typeof object.content === "string" ? { message: object.content } : {}),
        document: object,
      };
      const verify = await verifierFor(rt, [sender]);
      const shared = (actor: string, named: readonly string[]) => sharedNetworks(rt, actor, named);
      const upstreamOf = upstreamPort(rt.services, self.actor);
      result = await receiveProposedAgreement(db, sender, self.actor, incoming, verify, now, shared, upstreamOf);
    }
  }
  if (result.ok) {
    log.info({ from: sender, kind: activity.kind }, "aid activity received");
    rt.services.queue.wake();
    return { status: 202 };
  }
  log.info({ from: sender, kind: activity.kind, reason: result.error.reason }, "aid activity refused");
  return refused(result.error);
}
