// A three-way merge of lines, as for a proposed change made on a revision that is no longer the head:
// the changes from the base to the head and from the base to the proposal are applied together when they
// touch different lines. Changes to the same or to adjacent lines conflict (unless they are the same
// change): the merge never guesses an order between two edits of one passage.
import { splitLines } from "./diff.ts";
import { intern, longestCommon } from "./sequence.ts";

/** Base lines [start, end) replaced by `lines`. */
export type Change = { readonly start: number; readonly end: number; readonly lines: readonly string[] };

export type Merged =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** 1-based base lines of the first conflict. */
      readonly conflict: { readonly fromLine: number; readonly toLine: number };
      readonly conflicts: number;
    };

/** The changes that turn `base` into `other`, in order. */
export function changesBetween(base: readonly string[], other: readonly string[]): Change[] {
  const [ia, ib] = intern([base, other]) as [Int32Array, Int32Array];
  const m = longestCommon(ia, ib);
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  for (let t = 0; t <= m.count; t++) {
    const ai = t < m.count ? m.aIdx[t]! : base.length;
    const bj = t < m.count ? m.bIdx[t]! : other.length;
    if (ai > i || bj > j) changes.push({ start: i, end: ai, lines: other.slice(j, bj) });
    i = ai + 1;
    j = bj + 1;
  }
  return changes;
}

const same = (x: Change, y: Change) =>
  x.start === y.start &&
  x.end === y.end &&
  x.lines.length === y.lines.length &&
  x.lines.every((l, i) => l === y.lines[i]);

export function merge3(base: string, ours: string, theirs: string): Merged {
  const b = splitLines(base);
  const mine = changesBetween(b, splitLines(ours));
  const yours = changesBetween(b, splitLines(theirs));
  const applied: Change[] = [];
  let conflicts = 0;
  let first: { fromLine: number; toLine: number } | null = null;
  let p = 0;
  let q = 0;
  while (p < mine.length || q < yours.length) {
    const x = mine[p];
    const y = yours[q];
    if (x && (!y || x.end < y.start)) {
      applied.push(x);
      p++;
      continue;
    }
    if (y && (!x || y.end < x.start)) {
      applied.push(y);
      q++;
      continue;
    }
    // They touch (share or border base lines; an insertion at an edge counts): one cluster of every
    // change that overlaps it, from either side.
    let start = Math.min(x!.start, y!.start);
    let end = Math.max(x!.end, y!.end);
    const ownCluster: Change[] = [];
    const otherCluster: Change[] = [];
    let grew = true;
    while (grew) {
      grew = false;
      while (p < mine.length && mine[p]!.start <= end && mine[p]!.end >= start) {
        ownCluster.push(mine[p]!);
        start = Math.min(start, mine[p]!.start);
        end = Math.max(end, mine[p]!.end);
        p++;
        grew = true;
      }
      while (q < yours.length && yours[q]!.start <= end && yours[q]!.end >= start) {
        otherCluster.push(yours[q]!);
        start = Math.min(start, yours[q]!.start);
        end = Math.max(end, yours[q]!.end);
        q++;
        grew = true;
      }
    }
    if (ownCluster.length === otherCluster.length && ownCluster.every((c, i) => same(c, otherCluster[i]!))) {
      applied.push(...ownCluster);
      continue;
    }
    conflicts++;
    first ??= { fromLine: start + 1, toLine: Math.max(start + 1, end) };
  }
  if (first) return { ok: false, conflict: first, conflicts };
  const out: string[] = [];
  let i = 0;
  for (const c of applied) {
    while (i < c.start) out.push(b[i++]!);
    out.push(...c.lines);
    i = c.end;
  }
  while (i < b.length) out.push(b[i++]!);
  return { ok: true, text: out.join("\n") };
}
