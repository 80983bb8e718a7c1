// ISO 8601 durations for voting windows. Only exact units are accepted (weeks, days, hours, minutes,
// seconds): months and years have no fixed length, and every member must compute the same close.
const pattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration such as `P14D` or `PT1H30M`, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const m = pattern.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * 604_800_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(min ?? 0) * 60_000 +
    Math.round(Number(s ?? 0) * 1000);
  return Number.isSafeInteger(ms) ? ms : undefined;
}
