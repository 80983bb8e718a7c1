// Daily uptime from a verdict's history, and the strip drawn from it: an accessible SVG with no script,
// nothing fetched, and every text escaped.
import { describe, expect, it } from "vitest";
import { dailyBuckets } from "../../src/domain/aid/watch/uptime.ts";
import { escapeXml, uptimeStripSvg } from "../../src/web/views/uptime-strip.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-30T12:00:00Z");

describe("daily uptime", () => {
  it("gives 30 UTC days ending today, unknown before the watch began, and the share of each day up", () => {
    const v = {
      firstSeen: Date.parse("2026-11-27T00:00:00Z"),
      transitions: [
        { at: Date.parse("2026-11-28T18:00:00Z"), down: true },
        { at: Date.parse("2026-11-29T06:00:00Z"), down: false },
      ],
    };
    const buckets = dailyBuckets(v, NOW);
    expect(buckets).toHaveLength(30);
    expect(buckets[0]).toEqual({ day: "2026-11-01", up: null, downMs: 0 });
    expect(buckets.slice(-4)).toEqual([
      { day: "2026-11-27", up: 1, downMs: 0 },
      { day: "2026-11-28", up: 0.75, downMs: DAY / 4 },
      { day: "2026-11-29", up: 0.75, downMs: DAY / 4 },
      { day: "2026-11-30", up: 1, downMs: 0 },
    ]);
  });

  it("counts today up to now only, and a day still down at its end as down to its end", () => {
    const v = { firstSeen: Date.parse("2026-11-01T00:00:00Z"), transitions: [{ at: NOW - DAY / 4, down: true }] };
    const buckets = dailyBuckets(v, NOW, 2);
    expect(buckets).toEqual([
      { day: "2026-11-29", up: 1, downMs: 0 },
      { day: "2026-11-30", up: 0.5, downMs: DAY / 4 },
    ]);
  });
});

describe("the uptime strip", () => {
  const buckets = [
    { day: "2026-11-28", up: null, downMs: 0 },
    { day: "2026-11-29", up: 1, downMs: 0 },
    { day: "2026-11-30", up: 0.5, downMs: 3_600_000 },
  ];

  it("is an image with a title and one titled bar per day", () => {
    const svg = uptimeStripSvg({ title: "Mail relay", buckets, describe: (b) => `${b.day}: ${b.up}`, id: "m1" });
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="uptime-m1" width="28" height="24" viewBox="0 0 28 24">' +
        '<title id="uptime-m1">Mail relay</title>' +
        '<rect x="0" y="16" width="8" height="8" rx="1" fill="#6e7781"><title>2026-11-28: null</title></rect>' +
        '<rect x="10" y="0" width="8" height="24" rx="1" fill="#1a7f37"><title>2026-11-29: 1</title></rect>' +
        '<rect x="20" y="0" width="8" height="24" rx="1" fill="#cf222e"><title>2026-11-30: 0.5</title></rect>' +
        "</svg>",
    );
  });

  it("escapes every text and id it is given, and holds no script or outside reference", () => {
    const hostile = `Coop "<script>alert(1)</script>" & 'friends'`;
    const svg = uptimeStripSvg({ title: hostile, buckets, describe: () => "</title><script>x</script>", id: 'a"b<c' });
    expect(svg).not.toMatch(/<script|href|url\(|<image|<use|<foreignObject/i);
    expect(svg).toContain(`<title id="uptime-a-b-c">${escapeXml(hostile)}</title>`);
    expect(escapeXml(hostile)).toBe("Coop &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; &#39;friends&#39;");
    expect(svg.match(/<title/g)).toHaveLength(4);
  });
});
