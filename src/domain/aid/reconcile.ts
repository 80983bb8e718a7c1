// Reconciling an agreement with the other party's copy (ADR 0021): a step of theirs that never reached
// us is read back from their copy, as the signed action it was, and goes through the same acceptance
// rules as a delivered one (`receiveAgreementAction`): their signature against their own key, the
// lifecycle's order, a repeated step changing nothing.
import type { Agreement, AgreementAction, AgreementState } from "./agreements.ts";

/** States after which nothing more happens to an agreement. */
export const FINAL_STATES: readonly AgreementState[] = ["rejected", "ended", "cancelled", "breached"];

/** How long after its last change a final agreement is still compared: a late step may still be missing. */
export const RECONCILE_FINAL_FOR_MS = 30 * 24 * 3600 * 1000;

/**
 * The steps `by` took on its copy `a`, in order, each as the action that was sent (with the signature
 * its copy holds for it). A renewal that was declined carries no signature any more: it is refused and
 * the decline that follows finds nothing pending, which is where the two copies end anyway.
 */
export function stepsBy(a: Agreement, by: string): AgreementAction[] {
  const out: AgreementAction[] = [];
  let accepted = 0;
  for (const step of a.history) {
    if (step.action === "acceptRenewal") accepted++;
    if (step.by !== by) continue;
    const { at } = step;
    switch (step.action) {
      case "accept":
        out.push({ type: "accept", by, at, signature: a.periods[0]?.signatures[by] ?? "" });
        break;
      case "acceptRenewal":
        out.push({ type: "acceptRenewal", by, at, signature: a.periods[accepted]?.signatures[by] ?? "" });
        break;
      case "renew": {
        const until = step.until ?? "";
        const period = a.periods.slice(1).find((p) => p.until === until);
        const pending = a.pendingRenewal?.by === by && a.pendingRenewal.until === until ? a.pendingRenewal : undefined;
        out.push({ type: "renew", by, at, until, signature: period?.signatures[by] ?? pending?.signature ?? "" });
        break;
      }
      case "breach":
        out.push({ type: "breach", by, at, reason: a.breach?.by === by ? a.breach.reason : "" });
        break;
      case "reject":
      case "cancel":
      case "end":
      case "declineRenewal":
        out.push({ type: step.action, by, at });
        break;
      default:
        break;
    }
  }
  return out;
}
