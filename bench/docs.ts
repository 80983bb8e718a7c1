// Shared documents: the diff between two revisions (bench/run.ts section `docs`). Two 50 KB markdown
// revisions, generated from a fixed seed: one with about 5 % of its lines changed, one with every line
// changed, and a pathological pair (a few repeated lines, reshuffled) that makes the search give up.
// Baseline of the same run: splitting both texts into lines and hashing every line into a map, the
// least any line diff does. Each diff is also a ratio to the 20 ms target.
import { diffLines } from "../src/domain/docs/diff.ts";
import { merge3 } from "../src/domain/docs/merge.ts";
import { type Figure, round, timeIt } from "./lib/stats.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

const TARGET_MS = 20;
const SIZE = 50 * 1024;

const WORDS = (
  "the a of to and members server mail backup nightly keys DNS hosting provider network group cooperative " +
  "we our share run keep each month storage users account password domain certificate renew restore test " +
  "policy rule vote motion charter admission budget volunteer maintenance window outage notice support"
).split(" ");

/** Markdown as documents are written: headings, wrapped paragraphs, lists, code blocks, blank lines. */
function markdown(rand: () => number, bytes: number): string[] {
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
  const lines: string[] = [];
  let size = 0;
  const push = (line: string) => {
    lines.push(line);
    size += line.length + 1;
  };
  let section = 0;
  while (size < bytes) {
    const kind = rand();
    if (kind < 0.1) push(`## ${++section}. ${sentence(4)}`);
    else if (kind < 0.6) for (let i = 0, n = 2 + Math.floor(rand() * 5); i < n; i++) push(`${sentence(12)}.`);
    else if (kind < 0.85) for (let i = 0, n = 2 + Math.floor(rand() * 6); i < n; i++) push(`- ${sentence(6)}`);
    else {
      push("```");
      for (let i = 0, n = 1 + Math.floor(rand() * 6); i < n; i++) push(`  ${word()} --${word()}=${word()}`);
      push("```");
    }
    push("");
  }
  return lines;
}

/** About `share` of the lines edited: a word changed in most, a line added or removed in some. */
function edited(rand: () => number, lines: readonly string[], share: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const r = rand();
    if (r >= share) out.push(line);
    else if (r < share * 0.15) continue;
    else if (r < share * 0.3) out.push(line, `${line.slice(0, 20)} added`);
    else {
      const words = line.split(" ");
      words[Math.floor(rand() * words.length)] = WORDS[Math.floor(rand() * WORDS.length)]!.toUpperCase();
      out.push(words.join(" "));
    }
  }
  return out;
}

/** The baseline: both texts split into lines, every line hashed into a map. */
function splitAndHash(from: string, to: string): number {
  const ids = new Map<string, number>();
  for (const line of from.split("\n")) if (!ids.has(line)) ids.set(line, ids.size);
  for (const line of to.split("\n")) if (!ids.has(line)) ids.set(line, ids.size);
  return ids.size;
}

export async function benchDocs(): Promise<Figure[]> {
  const rand = seededRandom(20261128);
  const base = markdown(rand, SIZE);
  const from = base.join("\n");
  const cases = [
    { name: "diff of two 50 KB revisions, ~5 % of lines changed", to: edited(rand, base, 0.05).join("\n") },
    { name: "diff of two 50 KB revisions, every line changed", to: base.map((l) => `${l} changed`).join("\n") },
  ];
  // Pathological: 2,000 lines drawn from five, reshuffled. Many equal lines, no good alignment.
  const few = ["", "- item", "```", "text", "# heading"];
  const path = Array.from({ length: 2000 }, () => few[Math.floor(rand() * few.length)]!);
  const shuffled = Array.from({ length: 2000 }, () => few[Math.floor(rand() * few.length)]!);
  const figures: Figure[] = [];
  const baseMs = timeIt(() => splitAndHash(from, cases[0]!.to), 21, 3);
  const baseline = `split + hash of both texts: ${round(baseMs, 3)} ms`;
  const figure = (name: string, ms: number, note = ""): Figure => ({
    name: `${name}${note}`,
    ratio: ms / baseMs,
    value: round(ms, 2),
    unit: "ms",
    baseline,
    target: `≤ ${TARGET_MS} ms (${round(ms / TARGET_MS, 2)}× of it)`,
    pass: ms <= TARGET_MS,
  });
  for (const c of cases) {
    const diff = diffLines(from, c.to);
    const ms = timeIt(() => diffLines(from, c.to), 11, 3);
    figures.push(figure(c.name, ms, ` (${diff.removed} removed, ${diff.added} added)`));
  }
  const pathDiff = diffLines(path.join("\n"), shuffled.join("\n"));
  const pathMs = timeIt(() => diffLines(path.join("\n"), shuffled.join("\n")), 5, 3);
  figures.push(
    figure(
      "pathological: 2,000 lines of five kinds, reshuffled",
      pathMs,
      pathDiff.approximate ? " (search capped: not the shortest)" : " (shortest)",
    ),
  );
  // A stale proposal: the author changed ~5 % of the first half since, the proposal ~2 % of the second.
  const half = Math.floor(base.length / 2);
  const head = [...edited(seededRandom(3), base.slice(0, half), 0.05), ...base.slice(half)].join("\n");
  const proposal = [...base.slice(0, half), ...edited(seededRandom(7), base.slice(half), 0.02)].join("\n");
  const merged = merge3(from, head, proposal);
  const mergeMs = timeIt(() => merge3(from, head, proposal), 11, 3);
  figures.push(
    figure(
      "three-way merge of a stale proposal (2 % of one half) over a 5 % edit of the other",
      mergeMs,
      merged.ok ? " (clean)" : " (conflict)",
    ),
  );
  return figures;
}

if (import.meta.main) {
  const { formatFigures } = await import("./lib/stats.ts");
  process.stdout.write(`${formatFigures("Shared documents: diffs", await benchDocs())}\n`);
}
