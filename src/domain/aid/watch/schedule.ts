// When each instance probes each member: once per interval, spread over the interval so that a network
// never probes in bursts. A prober starts its round at an offset from the hash of its own actor, and
// takes its subjects in the order of the hash of (prober, subject), evenly spaced over the interval.
// Each prober thus puts at most floor(m / 20) + 1 of its m probes in any twentieth of the interval, at
// most twice its average share m / 20 once it has ten or more subjects, and so does the network, whatever
// the probers' starts (ADR 0017).
import { createHash } from "node:crypto";

/** A number in [0, 2^48) from the sha-256 of the text: the same on every machine. */
export function hash48(text: string): number {
  const d = createHash("sha256").update(text).digest();
  return d.readUIntBE(0, 6);
}

export type Probe = { readonly subject: string; readonly offsetMs: number };

/**
 * The probes of `prober` in one interval: each subject once, at an offset in [0, intervalMs). The
 * prober itself is never among its subjects.
 */
export function probeSchedule(prober: string, subjects: Iterable<string>, intervalMs: number): Probe[] {
  const others = [...new Set(subjects)].filter((s) => s !== prober);
  const ranked = others
    .map((subject) => ({ subject, h: hash48(`${prober}\n${subject}`) }))
    .sort((a, b) => a.h - b.h || (a.subject < b.subject ? -1 : 1));
  const start = hash48(prober) % intervalMs;
  const step = intervalMs / Math.max(1, ranked.length);
  return ranked.map(({ subject }, i) => ({ subject, offsetMs: Math.floor(start + i * step) % intervalMs }));
}

/** When `prober` next probes `subject` at or after `now` (ms), or undefined if it does not probe it. */
export function nextProbe(
  prober: string,
  subject: string,
  subjects: Iterable<string>,
  intervalMs: number,
  now: number,
): number | undefined {
  const probe = probeSchedule(prober, subjects, intervalMs).find((p) => p.subject === subject);
  if (!probe) return undefined;
  const base = now - (((now % intervalMs) + intervalMs) % intervalMs);
  const at = base + probe.offsetMs;
  return at >= now ? at : at + intervalMs;
}

/**
 * The burst of a set of offsets: the most probes in any window of 1/`windows` of the interval (sliding,
 * wrapping around its end) over the average per window. 1 is perfectly even.
 */
export function burstRatio(offsets: readonly number[], intervalMs: number, windows = 20): number {
  if (offsets.length === 0) return 0;
  const width = intervalMs / windows;
  const sorted = [...offsets].sort((a, b) => a - b);
  const wrapped = [...sorted, ...sorted.map((o) => o + intervalMs)];
  let most = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    const start = wrapped[i] as number;
    if (j < i) j = i;
    while (j < wrapped.length && (wrapped[j] as number) < start + width) j++;
    most = Math.max(most, j - i);
  }
  return most / (offsets.length / windows);
}
