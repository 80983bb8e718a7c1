// Network failures that concern one field of what an operator sent (a rule's window, a ballot's reason)
// name that field, so that the API's `error.fields` and the panel's error summary point at it.
import type { Failure, FieldError } from "../validation.ts";

/** What was sent: a founding (name, purpose, charter), a motion (kind, subject, text, charter, until) or a ballot. */
export type FailureContext = "found" | "motion" | "ballot";

/** `PT1H`, `PT5S`, `P1D`: a duration in milliseconds written as operators write windows. */
export function isoDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const days = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${sec ? `${sec}S` : ""}`;
  const text = `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
  return text === "P" ? "PT0S" : text;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function fieldOf(failure: Failure, context: FailureContext): [string, FieldError] | undefined {
  const vars = failure.vars ?? {};
  const kind = str(vars.kind);
  switch (failure.reason) {
    case "network.charter_invalid": {
      const field = str(vars.field);
      if (!field) return undefined;
      if (context === "found" && (field === "name" || field === "purpose")) return [field, { code: "invalid" }];
      return [`charter.${field}`, { code: "invalid" }];
    }
    case "network.window_invalid":
      return kind ? [`charter.rules.${kind}.window`, { code: "duration" }] : undefined;
    case "network.window_too_short": {
      const min = typeof vars.minimumMs === "number" ? isoDuration(vars.minimumMs) : "";
      return kind ? [`charter.rules.${kind}.window`, { code: "windowTooShort", vars: { min } }] : undefined;
    }
    case "network.motion_invalid": {
      const field = str(vars.field);
      return field ? [field, { code: "invalid" }] : undefined;
    }
    case "network.subject_invalid":
      return context === "motion" ? ["subject", { code: "subjectMismatch" }] : undefined;
    case "network.block_needs_reason":
      return context === "ballot" ? ["reason", { code: "blockReason" }] : undefined;
    case "network.choice_invalid":
      return context === "ballot" ? ["choice", { code: "choice" }] : undefined;
    default:
      return undefined;
  }
}

/** The failure with the field it concerns named in `fields` (unchanged when it names none or already has fields). */
export function withFields(failure: Failure, context: FailureContext): Failure {
  if (failure.fields) return failure;
  const found = fieldOf(failure, context);
  return found ? { ...failure, fields: { [found[0]]: found[1] } } : failure;
}
