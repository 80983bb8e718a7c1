import { describe, expect, it } from "vitest";
import { applyDiff, diffLines, formatUnified, wordDiff } from "../../src/domain/docs/diff.ts";
import { merge3 } from "../../src/domain/docs/merge.ts";
import { intern, longestCommon } from "../../src/domain/docs/sequence.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

/** Lines from a small vocabulary, so that repeated lines (blank lines, fences) are common, as in markdown. */
function text(rand: () => number, lines: number): string[] {
  const words = ["", "", "```", "- item", "# Title", "the mail server", "backups", "nightly", "keys", "DNS"];
  return Array.from({ length: lines }, () => words[Math.floor(rand() * words.length)]!);
}

function edit(rand: () => number, lines: readonly string[], edits: number): string[] {
  const out = [...lines];
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.35 && out.length) out.splice(Math.min(at, out.length - 1), 1);
    else if (kind < 0.7) out.splice(at, 0, `new ${Math.floor(rand() * 5)}`);
    else if (out.length) out[Math.min(at, out.length - 1)] = `changed ${Math.floor(rand() * 5)}`;
  }
  return out;
}

/** The length of an LCS by the textbook table, to check that the diff removes no more than it must. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

describe("the line diff", () => {
  it("shows a change with three lines of context, as unified text", () => {
    const from = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n";
    const to = "one\ntwo\nthree is here\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n";
    const diff = diffLines(from, to);
    expect(formatUnified(diff)).toBe(
      [
        "@@ -1,6 +1,6 @@",
        " one",
        " two",
        "-three",
        "+three is here",
        " four",
        " five",
        " six",
        "@@ -8,4 +8,5 @@",
        " eight",
        " nine",
        " ten",
        "+eleven",
        " ",
      ].join("\n"),
    );
    expect({ added: diff.added, removed: diff.removed, approximate: diff.approximate }).toEqual({
      added: 2,
      removed: 1,
      approximate: false,
    });
  });

  it("joins changes closer than twice the context into one hunk", () => {
    const from = "a\nb\nc\nd\ne\nf\ng\nh\n";
    expect(diffLines(from, from.replace("b", "B").replace("g", "G"), { context: 2 }).hunks.length).toBe(1);
    expect(diffLines(from, from.replace("b", "B").replace("g", "G"), { context: 1 }).hunks.length).toBe(2);
  });

  it("marks the words that changed inside a changed line", () => {
    const diff = diffLines("We back up nightly.\n", "We back up twice nightly.\n");
    const lines = diff.hunks[0]!.lines;
    expect(lines[0]).toEqual({
      kind: "delete",
      text: "We back up nightly.",
      old: 1,
      words: [{ kind: "same", text: "We back up nightly." }],
    });
    expect(lines[1]).toEqual({
      kind: "insert",
      text: "We back up twice nightly.",
      new: 1,
      words: [
        { kind: "same", text: "We back up " },
        { kind: "insert", text: "twice " },
        { kind: "same", text: "nightly." },
      ],
    });
    expect(wordDiff("keys in DNS", "keys at DNS")).toEqual([
      [
        { kind: "same", text: "keys " },
        { kind: "delete", text: "in" },
        { kind: "same", text: " DNS" },
      ],
      [
        { kind: "same", text: "keys " },
        { kind: "insert", text: "at" },
        { kind: "same", text: " DNS" },
      ],
    ]);
  });

  it("gives nothing for equal texts, and handles empty ones", () => {
    expect(diffLines("same\n", "same\n").hunks).toEqual([]);
    expect(applyDiff("", diffLines("", "a\nb"))).toBe("a\nb");
    expect(applyDiff("a\nb", diffLines("a\nb", ""))).toBe("");
  });

  it("applied to `from`, gives `to`, and removes no more lines than it must, over 300 seeded random edits", () => {
    const rand = seededRandom(20261128);
    for (let round = 0; round < 300; round++) {
      const a = text(rand, Math.floor(rand() * 60));
      const b = edit(rand, a, Math.floor(rand() * 12));
      const from = a.join("\n");
      const to = b.join("\n");
      const diff = diffLines(from, to, { context: Math.floor(rand() * 4) });
      expect(applyDiff(from, diff), `round ${round}`).toBe(to);
      // An empty text is one empty line, as splitting it on "\n" gives.
      const [la, lb] = [from.split("\n"), to.split("\n")];
      const common = lcsLength(la, lb);
      expect(diff.removed, `round ${round}`).toBe(la.length - common);
      expect(diff.added, `round ${round}`).toBe(lb.length - common);
    }
  });

  it("refuses to apply a diff to a text it was not made from", () => {
    const diff = diffLines("a\nb\nc", "a\nB\nc");
    expect(applyDiff("a\nx\nc", diff)).toBeNull();
  });

  it("gives up the shortest script past its edit budget, and stays correct", () => {
    const rand = seededRandom(7);
    const a = text(rand, 400);
    const b = edit(rand, a, 300);
    const capped = diffLines(a.join("\n"), b.join("\n"), { maxEdits: 10 });
    expect(capped.approximate).toBe(true);
    // Lines a capped search pairs have nothing to do with each other: no word marks.
    expect(capped.hunks.flatMap((h) => h.lines).filter((l) => "words" in l)).toEqual([]);
    expect(applyDiff(a.join("\n"), capped)).toBe(b.join("\n"));
    const full = diffLines(a.join("\n"), b.join("\n"));
    expect(full.approximate).toBe(false);
    expect(capped.removed).toBeGreaterThan(full.removed);
  });

  it("finds a longest common subsequence of short sequences over two letters, 3,000 seeded cases", () => {
    // Two letters make ties between diagonals frequent: the walk back must retrace the search exactly.
    const rand = seededRandom(42);
    for (let round = 0; round < 3000; round++) {
      const a = Array.from({ length: Math.floor(rand() * 9) }, () => (rand() < 0.5 ? "x" : "y"));
      const b = Array.from({ length: Math.floor(rand() * 9) }, () => (rand() < 0.5 ? "x" : "y"));
      const [ia, ib] = intern([a, b]) as [Int32Array, Int32Array];
      const m = longestCommon(ia, ib);
      expect(m.count, `${a.join("")} / ${b.join("")}`).toBe(lcsLength(a, b));
      for (let t = 0; t < m.count; t++) {
        expect(a[m.aIdx[t]!], `${a.join("")} / ${b.join("")}`).toBe(b[m.bIdx[t]!]);
        if (t > 0) expect(m.aIdx[t]! > m.aIdx[t - 1]! && m.bIdx[t]! > m.bIdx[t - 1]!).toBe(true);
      }
    }
  });

  it("matches only equal elements, in increasing order on both sides", () => {
    const [a, b] = intern([
      ["x", "a", "b", "c", "a", "b", "b", "a"],
      ["c", "b", "a", "b", "a", "c"],
    ]) as [Int32Array, Int32Array];
    const m = longestCommon(a, b);
    expect(m.count).toBe(4);
    for (let t = 0; t < m.count; t++) {
      expect(a[m.aIdx[t]!]).toBe(b[m.bIdx[t]!]);
      if (t > 0) expect(m.aIdx[t]! > m.aIdx[t - 1]! && m.bIdx[t]! > m.bIdx[t - 1]!).toBe(true);
    }
  });
});

describe("the three-way merge", () => {
  const base = "# Mail\n\nWe run one server.\n\nBackups are nightly.\n\nKeys live in DNS.\n";

  it("applies changes to different lines together", () => {
    const ours = base.replace("one server", "two servers");
    const theirs = base.replace("in DNS", "in DNS, signed");
    expect(merge3(base, ours, theirs)).toEqual({
      ok: true,
      text: "# Mail\n\nWe run two servers.\n\nBackups are nightly.\n\nKeys live in DNS, signed.\n",
    });
  });

  it("merges edits of two parts kept apart by unchanged lines into both, over 200 seeded cases", () => {
    const rand = seededRandom(99);
    for (let round = 0; round < 200; round++) {
      const first = text(rand, Math.floor(rand() * 30));
      const second = text(rand, Math.floor(rand() * 30));
      const middle = ["<!-- middle -->", "<!-- kept -->"];
      const base = [...first, ...middle, ...second].join("\n");
      const [firstEdited, secondEdited] = [edit(rand, first, 4), edit(rand, second, 4)];
      const ours = [...firstEdited, ...middle, ...second];
      const theirs = [...first, ...middle, ...secondEdited];
      const expected = [...firstEdited, ...middle, ...secondEdited].join("\n");
      expect(merge3(base, ours.join("\n"), theirs.join("\n")), `round ${round}`).toEqual({ ok: true, text: expected });
      expect(merge3(base, ours.join("\n"), base), `round ${round}`).toEqual({ ok: true, text: ours.join("\n") });
    }
  });

  it("refuses changes to the same line, and says where", () => {
    const ours = base.replace("nightly", "hourly");
    const theirs = base.replace("nightly", "weekly");
    expect(merge3(base, ours, theirs)).toEqual({ ok: false, conflict: { fromLine: 5, toLine: 5 }, conflicts: 1 });
  });

  it("refuses changes to adjacent lines, and takes the same change made twice once", () => {
    const ours = base.replace("We run one server.\n\n", "We run one server.\nA second line.\n\n");
    const theirs = base.replace("\nBackups", "Inserted here.\nBackups");
    expect(merge3(base, ours, theirs).ok).toBe(false);
    const both = base.replace("nightly", "hourly");
    expect(merge3(base, both, both)).toEqual({ ok: true, text: both });
  });
});
