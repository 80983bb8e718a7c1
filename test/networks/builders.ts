// Small builders of network inputs for the engine's tests (plain objects, as members would sign them).
import type { CharterBody } from "../../src/domain/networks/charter.ts";
import { parseCharter } from "../../src/domain/networks/charter.ts";
import type { Ballot, Closing, Genesis, Leave, Motion } from "../../src/domain/networks/objects.ts";
import { idOf } from "../../src/domain/networks/objects.ts";
import { foldRecord, identified } from "../../src/domain/networks/record.ts";

export const NET = "https://a.example/networks/n1";
export const A = "https://a.example/actor";
export const B = "https://b.example/actor";
export const C = "https://c.example/actor";
export const D = "https://d.example/actor";
export const E = "https://e.example/actor";

export const T0 = Date.parse("2026-01-01T00:00:00.000Z");
export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export function charterBody(overrides: Record<string, unknown> = {}): CharterBody {
  const parsed = parseCharter(
    {
      purpose: "Hosting for movements",
      questions: ["Who are you?"],
      rules: { admission: { window: "PT1H", quorum: 0.5, threshold: 0.5, block: true } },
      pauseAfterMissed: 2,
      ...overrides,
    },
    1000,
  );
  if (!parsed.ok) throw new Error(parsed.failure.code);
  return parsed.value;
}

export const genesis = (charter = charterBody()): Genesis => ({
  type: "Genesis",
  network: NET,
  name: "Hosts",
  founder: A,
  charter,
  published: iso(T0),
});

export const motion = (by: string, kind: Motion["kind"], at: number, extra: Partial<Motion> = {}): Motion => ({
  type: "Motion",
  network: NET,
  by,
  kind,
  text: `${kind} motion`,
  charter: 1,
  published: iso(at),
  ...extra,
});

export const ballot = (m: Motion, by: string, choice: Ballot["choice"], at: number, reason?: string): Ballot => ({
  type: "Ballot",
  network: NET,
  motion: idOf(m),
  by,
  choice,
  published: iso(at),
  ...(reason ? { reason } : {}),
});

export const closing = (m: Motion, by: string, ballots: Ballot[], at: number): Closing => ({
  type: "Closing",
  network: NET,
  motion: idOf(m),
  by,
  ballots: ballots.map(idOf).sort(),
  published: iso(at),
});

export const leave = (by: string, at: number): Leave => ({ type: "Leave", network: NET, by, published: iso(at) });

export type Pile = { motions: Motion[]; ballots: Ballot[]; closings: Closing[]; leaves: Leave[] };
export const pile = (): Pile => ({ motions: [], ballots: [], closings: [], leaves: [] });

export function fold(g: Genesis, p: Pile, now: number, settleMs = 60_000) {
  return foldRecord(
    {
      genesis: g,
      motions: identified(p.motions),
      ballots: identified(p.ballots),
      closings: identified(p.closings),
      leaves: identified(p.leaves),
    },
    now,
    settleMs,
  );
}

/**
 * Admits `who` (in order, one hour apart) with a yes from every current member, each ballot witnessed by
 * the applicant's closing. Returns the time after the last admission was decided.
 */
export function admitAll(p: Pile, who: string[], start = T0 + HOUR): number {
  const members = [A];
  let t = start;
  for (const x of who) {
    const m = motion(members[0]!, "admission", t, { subject: x });
    p.motions.push(m);
    const bs = members.map((v) => ballot(m, v, "yes", t + 60_000));
    p.ballots.push(...bs);
    p.closings.push(closing(m, x, bs, t + HOUR));
    members.push(x);
    t += 2 * HOUR;
  }
  return t;
}
