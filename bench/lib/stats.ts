// Medians and ratios: on a shared, noisy machine only figures relative to a baseline of the same run mean anything.
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median time of `rounds` calls, in milliseconds, after `warmUp` calls that are not counted. */
export function timeIt(fn: () => void, rounds: number, warmUp = 0): number {
  for (let i = 0; i < warmUp; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The value below which `p` % of the values fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * p50 and p95 of a route's times against those of a bare Hono GET of the same run, each named
 * `${subject} pNN, ${what}`; a percentile without a target is reported only.
 */
export function latencyFigures(
  subject: string,
  what: string,
  times: { readonly bare: readonly number[]; readonly measured: readonly number[] },
  targets: { readonly p50?: number; readonly p95?: number },
): Figure[] {
  return ([50, 95] as const).map((p) => {
    const bare = percentile(times.bare, p);
    const value = percentile(times.measured, p);
    const target = p === 50 ? targets.p50 : targets.p95;
    return {
      name: `${subject} p${p}, ${what}`,
      ratio: value / bare,
      value,
      unit: "ms",
      baseline: `bare Hono GET p${p} ${bare.toFixed(2)} ms`,
      target: target === undefined ? "reported" : `≤ ${target} ms`,
      pass: target === undefined || value <= target,
    };
  });
}

export type Figure = {
  readonly name: string;
  /** The measured value divided by the baseline of the same run. */
  readonly ratio: number;
  readonly value: number;
  readonly unit: string;
  readonly baseline: string;
  readonly target: string;
  readonly pass: boolean;
};

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export function formatFigures(title: string, figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${round(f.ratio, 2)}×`,
    `${round(f.value, f.value >= 100 ? 0 : 2)} ${f.unit}`,
    f.baseline,
    f.target,
    f.pass ? "ok" : "MISSED",
  ]);
  const header = ["figure", "ratio", "value", "baseline (same run)", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [`\n## ${title}`, line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
