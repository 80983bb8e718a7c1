// A readable diff between two revisions: lines kept, removed and added, grouped into hunks with lines
// of context, and inside a changed line the words that changed. Texts are split on "\n" only, so that
// joining the lines gives the text back byte for byte (a final newline is a last, empty line).
import { intern, longestCommon } from "./sequence.ts";

export type WordSegment = { readonly kind: "same" | "delete" | "insert"; readonly text: string };

export type DiffLine =
  | { readonly kind: "context"; readonly text: string; readonly old: number; readonly new: number }
  | { readonly kind: "delete"; readonly text: string; readonly old: number; readonly words?: readonly WordSegment[] }
  | { readonly kind: "insert"; readonly text: string; readonly new: number; readonly words?: readonly WordSegment[] };

export type Hunk = {
  /** 1-based number of the first old line the hunk covers (where it starts when it covers none). */
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
};

export type LineDiff = {
  readonly hunks: readonly Hunk[];
  readonly added: number;
  readonly removed: number;
  /** The search gave up on a pathological input: correct, but not the shortest (see sequence.ts). */
  readonly approximate: boolean;
};

export type DiffOptions = {
  /** Unchanged lines shown around each change: 3 unless told. */
  readonly context?: number;
  /** Word marks inside changed lines: on unless told. */
  readonly words?: boolean;
  /** Edits searched for before giving up on the shortest script (sequence.ts bounds it in any case). */
  readonly maxEdits?: number;
};

/** Lines longer than this get no word marks: their cost would be out of proportion. */
const MAX_WORD_LINE = 2_000;

export const splitLines = (text: string): string[] => text.split("\n");

export function diffLines(from: string, to: string, options: DiffOptions = {}): LineDiff {
  const context = Math.max(0, options.context ?? 3);
  const a = splitLines(from);
  const b = splitLines(to);
  const [ia, ib] = intern([a, b]) as [Int32Array, Int32Array];
  const matches = longestCommon(ia, ib, options.maxEdits);
  // Every line in order: deletions before insertions between two matches.
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let added = 0;
  let removed = 0;
  for (let t = 0; t <= matches.count; t++) {
    const ai = t < matches.count ? matches.aIdx[t]! : a.length;
    const bj = t < matches.count ? matches.bIdx[t]! : b.length;
    const deletes: DiffLine[] = [];
    const inserts: DiffLine[] = [];
    for (; i < ai; i++) deletes.push({ kind: "delete", text: a[i]!, old: i + 1 });
    for (; j < bj; j++) inserts.push({ kind: "insert", text: b[j]!, new: j + 1 });
    removed += deletes.length;
    added += inserts.length;
    // A capped search pairs lines that have nothing to do with each other: no word marks then.
    if (options.words !== false && !matches.approximate) markWords(deletes, inserts);
    all.push(...deletes, ...inserts);
    if (t < matches.count) {
      all.push({ kind: "context", text: a[i]!, old: i + 1, new: j + 1 });
      i++;
      j++;
    }
  }
  return { hunks: group(all, context), added, removed, approximate: matches.approximate };
}

/** Cuts the full list of lines into hunks: changes closer than 2 × context share one. */
function group(all: readonly DiffLine[], context: number): Hunk[] {
  const hunks: Hunk[] = [];
  let k = 0;
  while (k < all.length) {
    while (k < all.length && all[k]!.kind === "context") k++;
    if (k >= all.length) break;
    const first = Math.max(0, k - context);
    let last = k;
    for (let scan = k + 1; scan < all.length && scan - last <= 2 * context + 1; scan++)
      if (all[scan]!.kind !== "context") last = scan;
    const end = Math.min(all.length, last + context + 1);
    hunks.push(hunkOf(all, first, end));
    k = end;
  }
  return hunks;
}

function hunkOf(all: readonly DiffLine[], first: number, end: number): Hunk {
  const lines = all.slice(first, end);
  // Where the hunk starts on each side: the first line of that side it holds, else the place it would be.
  let oldStart = 1;
  let newStart = 1;
  for (let p = first - 1; p >= 0; p--) {
    const line = all[p]!;
    if (line.kind !== "insert") {
      oldStart = line.old + 1;
      break;
    }
  }
  for (let p = first - 1; p >= 0; p--) {
    const line = all[p]!;
    if (line.kind !== "delete") {
      newStart = line.new + 1;
      break;
    }
  }
  const oldLines = lines.filter((l) => l.kind !== "insert").length;
  const newLines = lines.filter((l) => l.kind !== "delete").length;
  return { oldStart, oldLines, newStart, newLines, lines };
}

const wordPattern = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** Pairs the removed and added lines of one change in order and marks the words that differ. */
function markWords(deletes: DiffLine[], inserts: DiffLine[]): void {
  const pairs = Math.min(deletes.length, inserts.length);
  for (let p = 0; p < pairs; p++) {
    const del = deletes[p]!;
    const ins = inserts[p]!;
    if (del.text.length > MAX_WORD_LINE || ins.text.length > MAX_WORD_LINE) continue;
    const [before, after] = wordDiff(del.text, ins.text);
    deletes[p] = { ...del, words: before } as DiffLine;
    inserts[p] = { ...ins, words: after } as DiffLine;
  }
}

/** The words of two versions of a line: the old one with its removed words, the new one with its added ones. */
export function wordDiff(from: string, to: string): [WordSegment[], WordSegment[]] {
  const a = from.match(wordPattern) ?? [];
  const b = to.match(wordPattern) ?? [];
  const [ia, ib] = intern([a, b]) as [Int32Array, Int32Array];
  const matches = longestCommon(ia, ib, 200);
  const before: WordSegment[] = [];
  const after: WordSegment[] = [];
  const push = (list: WordSegment[], kind: WordSegment["kind"], text: string) => {
    const last = list[list.length - 1];
    if (last && last.kind === kind) list[list.length - 1] = { kind, text: last.text + text };
    else list.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  for (let t = 0; t <= matches.count; t++) {
    const ai = t < matches.count ? matches.aIdx[t]! : a.length;
    const bj = t < matches.count ? matches.bIdx[t]! : b.length;
    for (; i < ai; i++) push(before, "delete", a[i]!);
    for (; j < bj; j++) push(after, "insert", b[j]!);
    if (t < matches.count) {
      push(before, "same", a[i++]!);
      push(after, "same", b[j++]!);
    }
  }
  return [before, after];
}

/**
 * The text a diff leads to from `from`, or null when `from` is not the text it was made from (a
 * context or removed line differs).
 */
export function applyDiff(from: string, diff: LineDiff): string | null {
  const a = splitLines(from);
  const out: string[] = [];
  let i = 0;
  for (const hunk of diff.hunks) {
    const start = hunk.oldStart - 1;
    if (start < i || start > a.length) return null;
    while (i < start) out.push(a[i++]!);
    for (const line of hunk.lines) {
      if (line.kind === "insert") out.push(line.text);
      else {
        if (a[i] !== line.text) return null;
        if (line.kind === "context") out.push(line.text);
        i++;
      }
    }
  }
  while (i < a.length) out.push(a[i++]!);
  return out.join("\n");
}

/** The diff as unified text (`@@ -1,3 +1,4 @@`, then " ", "-", "+" lines), for a terminal or an e-mail. */
export function formatUnified(diff: LineDiff): string {
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count ? start : start - 1},${count}`);
  const sign = { context: " ", delete: "-", insert: "+" } as const;
  return diff.hunks
    .map((h) =>
      [
        `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
        ...h.lines.map((l) => sign[l.kind] + l.text),
      ].join("\n"),
    )
    .join("\n");
}
