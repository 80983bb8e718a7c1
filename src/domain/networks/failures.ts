// Expected failures of the network engine, as values: a code (translated at the edge, in
// locales/<lang>/networks.json under the same key) and the variables the message needs.
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
