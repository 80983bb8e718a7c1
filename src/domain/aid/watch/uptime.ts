// The uptime strip's figures: per member and service, one bucket per UTC day over the last 30 days,
// with the share of the day the verdict was up. A day before the watch began, or in the future, is
// unknown (null), never "up".
import type { Transition } from "./verdict.ts";

const DAY = 86_400_000;

export type DayBucket = {
  /** The UTC day, YYYY-MM-DD. */
  readonly day: string;
  /** Share of the observed part of the day spent up, 0..1; null when nothing of it was observed. */
  readonly up: number | null;
  /** Milliseconds of the day spent down. */
  readonly downMs: number;
};

/**
 * `days` buckets ending with the day of `now` (ms), oldest first, from a verdict's transitions. The
 * subject counts as up from `firstSeen` until its first transition; today is counted up to `now`.
 */
export function dailyBuckets(
  v: { readonly transitions: readonly Transition[]; readonly firstSeen: number },
  now: number,
  days = 30,
): DayBucket[] {
  const today = now - (((now % DAY) + DAY) % DAY);
  const buckets: DayBucket[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const start = today - d * DAY;
    const from = Math.max(start, v.firstSeen);
    const to = Math.min(start + DAY, now);
    const day = new Date(start).toISOString().slice(0, 10);
    if (to <= from) {
      buckets.push({ day, up: null, downMs: 0 });
      continue;
    }
    const downMs = downWithin(v.transitions, from, to);
    buckets.push({ day, up: 1 - downMs / (to - from), downMs });
  }
  return buckets;
}

/** Milliseconds spent down within [from, to). */
function downWithin(transitions: readonly Transition[], from: number, to: number): number {
  let down = false;
  let since = from;
  let total = 0;
  for (const t of transitions) {
    if (t.at >= to) break;
    if (t.at > from && down) total += t.at - Math.max(since, from);
    down = t.down;
    since = Math.max(t.at, from);
  }
  if (down) total += to - since;
  return total;
}
