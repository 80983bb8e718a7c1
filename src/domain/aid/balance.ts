// The balance of help with each partner: what this provider gave and what it received, over agreements
// that were lived (active, ended or breached). It shows reciprocity at a glance; it is not a debt: nothing
// is owed, nothing is netted, and quantities of different kinds are never added together.
import type { Agreement } from "./agreements.ts";
import type { Resource } from "./proposals.ts";

/** One kind of help in one unit: how much, over how many agreements, for how many days in all. */
export type HelpLine = {
  readonly resource: Resource;
  readonly unit: string;
  readonly quantity: number;
  readonly agreements: number;
  readonly days: number;
};

export type PartnerBalance = {
  readonly partner: string;
  /** Help this provider gave the partner (its contributions). */
  readonly given: readonly HelpLine[];
  /** Help this provider received from the partner (its uses). */
  readonly received: readonly HelpLine[];
};

const DAY = 86_400_000;
const COUNTED = new Set(["active", "ended", "breached"]);

/**
 * Per partner, what `self` gave and received up to `now` (ms). Days count only the time already lived
 * (an active agreement counts up to now, one ended early up to its end). Sorted by partner, then by
 * resource and unit, so every page and API shows the same order.
 */
export function balanceOfHelp(agreements: readonly Agreement[], self: string, now: number): PartnerBalance[] {
  const byPartner = new Map<string, { given: Map<string, HelpLine>; received: Map<string, HelpLine> }>();
  for (const a of agreements) {
    if (!COUNTED.has(a.state)) continue;
    const { provider, receiver, resource, quantity } = a.terms;
    if (provider !== self && receiver !== self) continue;
    const partner = provider === self ? receiver : provider;
    const side = byPartner.get(partner) ?? { given: new Map(), received: new Map() };
    byPartner.set(partner, side);
    const lines = provider === self ? side.given : side.received;
    const key = `${resource}\n${quantity.unit}`;
    const line = lines.get(key) ?? { resource, unit: quantity.unit, quantity: 0, agreements: 0, days: 0 };
    lines.set(key, {
      ...line,
      quantity: line.quantity + quantity.value,
      agreements: line.agreements + 1,
      days: line.days + livedDays(a, now),
    });
  }
  const sorted = (m: Map<string, HelpLine>) =>
    [...m.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, line]) => roundDays(line));
  return [...byPartner.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([partner, side]) => ({ partner, given: sorted(side.given), received: sorted(side.received) }));
}

/** Days lived across the agreement's periods, up to `now` or to the step that ended it. */
function livedDays(a: Agreement, now: number): number {
  const last = a.history[a.history.length - 1];
  const stop = a.state === "active" ? now : Math.min(now, last ? Date.parse(last.at) : now);
  let ms = 0;
  for (const p of a.periods) {
    const from = Date.parse(p.from);
    const until = Math.min(Date.parse(p.until), stop);
    if (until > from) ms += until - from;
  }
  return ms / DAY;
}

const roundDays = (line: HelpLine): HelpLine => ({ ...line, days: Math.round(line.days * 10) / 10 });
