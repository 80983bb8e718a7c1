// The signed inputs of a network, as the engine sees them once their proofs have been checked (the
// federation layer verifies FEP-8b32 proofs; the simulation uses its own signatures). An object's
// identity is the digest of its canonical JSON, so the same object has the same id on every member.
import { digestOf } from "./canonical.ts";
import type { CharterBody, MotionKind } from "./charter.ts";
import { MOTION_KINDS } from "./charter.ts";

export const CHOICES = ["yes", "no", "abstain", "block"] as const;
export type Choice = (typeof CHOICES)[number];

/** The founding of a network: its first charter and its first member. */
export type Genesis = {
  readonly type: "Genesis";
  readonly network: string;
  readonly name: string;
  readonly founder: string;
  readonly charter: CharterBody;
  readonly published: string;
};

export type Motion = {
  readonly type: "Motion";
  readonly network: string;
  /** The member who opens it (for an admission, the member the application came through). */
  readonly by: string;
  readonly kind: MotionKind;
  readonly subject?: string;
  readonly text: string;
  /** The charter version the motion is made under. */
  readonly charter: number;
  /** An amendment's new charter. */
  readonly amendment?: CharterBody;
  /** A suspension's end (ISO instant); none: until reinstated. */
  readonly until?: string;
  /** An application's answers to the charter's questions. */
  readonly answers?: Readonly<Record<string, string>>;
  readonly published: string;
};

export type Ballot = {
  readonly type: "Ballot";
  readonly network: string;
  /** The motion's digest. */
  readonly motion: string;
  readonly by: string;
  readonly choice: Choice;
  readonly reason?: string;
  readonly published: string;
};

/** A member's statement, made at a motion's close, of the ballots it had received before it (by its own clock). */
export type Closing = {
  readonly type: "Closing";
  readonly network: string;
  readonly motion: string;
  readonly by: string;
  /** Digests of the ballots received before the close, sorted. */
  readonly ballots: readonly string[];
  readonly published: string;
};

export type Leave = {
  readonly type: "Leave";
  readonly network: string;
  readonly by: string;
  readonly published: string;
};

export type NetworkObject = Genesis | Motion | Ballot | Closing | Leave;
export type Collection = "motions" | "ballots" | "closings" | "leaves";
export const COLLECTIONS: readonly Collection[] = ["motions", "ballots", "closings", "leaves"];

export const collectionOf = (o: Exclude<NetworkObject, Genesis>): Collection =>
  o.type === "Motion" ? "motions" : o.type === "Ballot" ? "ballots" : o.type === "Closing" ? "closings" : "leaves";

const ids = new WeakMap<object, string>();

/** The object's identity (remembered per object: inputs are never changed once made). */
export function idOf(o: NetworkObject): string {
  let id = ids.get(o);
  if (id === undefined) {
    id = digestOf(o);
    ids.set(o, id);
  }
  return id;
}

const times = new Map<string, number>();

/** Milliseconds of an ISO instant, NaN when it is not one (remembered: folds read the same instants often). */
export function timeOf(iso: string): number {
  let t = times.get(iso);
  if (t === undefined) {
    t = Date.parse(iso);
    if (times.size >= 200_000) times.clear();
    times.set(iso, t);
  }
  return t;
}

export const authorOf = (o: NetworkObject): string => (o.type === "Genesis" ? o.founder : o.by);

const isIso = (v: unknown): v is string =>
  typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v));
const isText = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max;
const isUri = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 2048;

/** Whether an object has the shape the engine relies on (the fold never meets a malformed input). */
export function wellFormed(o: unknown): o is NetworkObject {
  if (typeof o !== "object" || o === null) return false;
  const v = o as Record<string, unknown>;
  if (!isUri(v.network) || !isIso(v.published)) return false;
  switch (v.type) {
    case "Genesis":
      return isUri(v.founder) && isText(v.name, 200) && typeof v.charter === "object" && v.charter !== null;
    case "Motion":
      return (
        isUri(v.by) &&
        (MOTION_KINDS as readonly unknown[]).includes(v.kind) &&
        (v.subject === undefined || isUri(v.subject)) &&
        isText(v.text, 50_000) &&
        Number.isInteger(v.charter) &&
        (v.until === undefined || isIso(v.until)) &&
        (v.amendment === undefined || (typeof v.amendment === "object" && v.amendment !== null))
      );
    case "Ballot":
      return (
        isUri(v.by) &&
        typeof v.motion === "string" &&
        (CHOICES as readonly unknown[]).includes(v.choice) &&
        (v.reason === undefined || isText(v.reason, 5000)) &&
        (v.choice !== "block" || (typeof v.reason === "string" && v.reason.trim().length > 0))
      );
    case "Closing":
      return (
        isUri(v.by) &&
        typeof v.motion === "string" &&
        Array.isArray(v.ballots) &&
        v.ballots.every((b) => typeof b === "string")
      );
    case "Leave":
      return isUri(v.by);
    default:
      return false;
  }
}
