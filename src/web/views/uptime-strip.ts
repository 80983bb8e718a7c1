// The uptime strip: one bar per day, drawn on the server as an SVG string, so that it shows without
// JavaScript. It is an image with a text alternative (role="img", a <title>, each bar with its own
// <title> for a pointer's tooltip), has no script and refers to nothing outside itself. The words come
// from the caller (already translated); every text is escaped here.
import type { DayBucket } from "../../domain/aid/watch/uptime.ts";

export type UptimeStripInput = {
  /** The strip's accessible name, e.g. "Mail relay of Example Coop: 30 days". */
  readonly title: string;
  readonly buckets: readonly DayBucket[];
  /** The text of one day's bar, e.g. "2026-11-02: 99.7 % up". */
  readonly describe: (bucket: DayBucket) => string;
  /** A document-unique id for the title (several strips on one page). */
  readonly id: string;
};

const BAR = 8;
const GAP = 2;
const HEIGHT = 24;

/** Colours of the bars, with enough contrast against a light page (WCAG 1.4.11, 3:1). */
const colours = { up: "#1a7f37", partial: "#9a6700", down: "#cf222e", unknown: "#6e7781" };

export function colourOf(b: DayBucket): string {
  if (b.up === null) return colours.unknown;
  if (b.up >= 0.999) return colours.up;
  return b.up >= 0.9 ? colours.partial : colours.down;
}

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

export function uptimeStripSvg(input: UptimeStripInput): string {
  const id = `uptime-${input.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const width = input.buckets.length * (BAR + GAP) - GAP;
  const bars = input.buckets.map((b, i) => {
    // A day partly down is drawn full height in its colour; an unknown day is a short grey bar.
    const h = b.up === null ? HEIGHT / 3 : HEIGHT;
    return `<rect x="${i * (BAR + GAP)}" y="${HEIGHT - h}" width="${BAR}" height="${h}" rx="1" fill="${colourOf(b)}"><title>${escapeXml(input.describe(b))}</title></rect>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}" width="${Math.max(width, 0)}" height="${HEIGHT}" viewBox="0 0 ${Math.max(width, 0)} ${HEIGHT}">` +
    `<title id="${id}">${escapeXml(input.title)}</title>${bars.join("")}</svg>`
  );
}
