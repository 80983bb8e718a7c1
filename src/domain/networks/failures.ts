// Expected failures of the network engine, as values: a code and the variables its message needs.
// `toFailure` gives the house's Failure (src/domain/validation.ts): its reason `network.<x>` is
// translated at the edge as `errors.network.<x>` (locales/<lang>/networks.json).
import type { Failure, FailureCode } from "../validation.ts";
export type NetworkFailureCode =
  | "network.charter_invalid"
  | "network.window_invalid"
  | "network.window_too_short"
  | "network.not_member"
  | "network.suspended"
  | "network.not_in_electorate"
  | "network.motion_closed"
  | "network.motion_not_open"
  | "network.motion_unknown"
  | "network.motion_invalid"
  | "network.block_needs_reason"
  | "network.choice_invalid"
  | "network.signature_invalid"
  | "network.wrong_network"
  | "network.stale_charter"
  | "network.subject_invalid"
  | "network.object_invalid";

export type NetworkFailure = {
  readonly code: NetworkFailureCode;
  readonly vars?: Readonly<Record<string, string | number>>;
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: NetworkFailure };

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (code: NetworkFailureCode, vars?: Record<string, string | number>): Outcome<never> => ({
  ok: false,
  failure: vars ? { code, vars } : { code },
});

const kinds: Partial<Record<NetworkFailureCode, FailureCode>> = {
  "network.not_member": "forbidden",
  "network.suspended": "forbidden",
  "network.not_in_electorate": "forbidden",
  "network.signature_invalid": "forbidden",
  "network.motion_unknown": "not_found",
  "network.motion_closed": "conflict",
  "network.motion_not_open": "conflict",
  "network.stale_charter": "conflict",
};

/** The house's Failure for a network failure: forbidden, not found, conflict, or else invalid. */
export function toFailure(f: NetworkFailure): Failure {
  return { code: kinds[f.code] ?? "invalid", reason: f.code, ...(f.vars ? { vars: f.vars } : {}) };
}
