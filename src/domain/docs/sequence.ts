// The longest common subsequence of two sequences of integers (interned lines or words), by Myers'
// O(ND) greedy algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986), after the usual
// reductions: the common prefix and suffix are matched at once, and an element that occurs on one side
// only cannot be matched, so it is left out before the search (an LCS never holds it). Cost is bounded:
// past `maxD` edits the middle is given up as replaced, and the result says it is `approximate`.

export type Matches = {
  /** Indices of matched elements, increasing on both sides: a[aIdx[i]] === b[bIdx[i]]. */
  readonly aIdx: Int32Array;
  readonly bIdx: Int32Array;
  readonly count: number;
  /** True when the search gave up: still a correct script, no longer a shortest one. */
  readonly approximate: boolean;
};

/** Work allowed for one search, edits × elements: about 10 ms on a 2020s core. */
const WORK_LIMIT = 4_000_000;
/**
 * Edits searched for at most. Lines found on one side only are left out before the search, so a real
 * rewrite rarely needs many: past this, the input is mostly equal lines reshuffled, and the search (whose
 * trace keeps (D+1)² integers) would cost more than it shows.
 */
const MAX_EDITS = 500;

/** Interns strings as small integers, equal strings getting equal numbers. */
export function intern(lists: readonly (readonly string[])[]): Int32Array[] {
  const ids = new Map<string, number>();
  return lists.map((list) => {
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      let id = ids.get(s);
      if (id === undefined) {
        id = ids.size;
        ids.set(s, id);
      }
      out[i] = id;
    }
    return out;
  });
}

export function longestCommon(a: Int32Array, b: Int32Array, maxD?: number): Matches {
  const n = a.length;
  const m = b.length;
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const aIdx = new Int32Array(Math.min(n, m));
  const bIdx = new Int32Array(Math.min(n, m));
  let count = 0;
  for (let i = 0; i < start; i++) {
    aIdx[count] = i;
    bIdx[count++] = i;
  }
  // Only what occurs on both sides of the middle can be matched.
  const inB = new Set<number>();
  for (let j = start; j < endB; j++) inB.add(b[j]!);
  const inA = new Set<number>();
  for (let i = start; i < endA; i++) inA.add(a[i]!);
  const keptA: number[] = [];
  for (let i = start; i < endA; i++) if (inB.has(a[i]!)) keptA.push(i);
  const keptB: number[] = [];
  for (let j = start; j < endB; j++) if (inA.has(b[j]!)) keptB.push(j);
  const fa = Int32Array.from(keptA, (i) => a[i]!);
  const fb = Int32Array.from(keptB, (j) => b[j]!);
  const size = fa.length + fb.length;
  const limit = Math.min(maxD ?? MAX_EDITS, MAX_EDITS, Math.max(64, Math.floor(WORK_LIMIT / Math.max(1, size))));
  const middle = myers(fa, fb, limit);
  if (middle)
    for (let i = 0; i < middle.length; i += 2) {
      aIdx[count] = keptA[middle[i]!]!;
      bIdx[count++] = keptB[middle[i + 1]!]!;
    }
  for (let i = 0; i < n - endA; i++) {
    aIdx[count] = endA + i;
    bIdx[count++] = endB + i;
  }
  return { aIdx, bIdx, count, approximate: middle === null };
}

/**
 * Matched pairs (a index, b index, flattened, increasing) of a shortest edit script, or null past
 * `maxD` edits. The trace keeps V[-d..d] after each round d at offset d², for the walk back.
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): number[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  let trace = new Int32Array(Math.min((maxD + 1) ** 2, 1 << 16));
  let found = -1;
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) found = d;
    }
    const base = d * d;
    if (base + 2 * d + 1 > trace.length) {
      const grown = new Int32Array(Math.max(trace.length * 2, base + 2 * d + 1));
      grown.set(trace);
      trace = grown;
    }
    trace.set(v.subarray(offset - d, offset + d + 1), base);
    if (found >= 0) break;
  }
  if (found < 0) return null;
  const pairs: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = (d - 1) * (d - 1);
    const at = (k: number) => trace[prev + k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push(y, x);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push(y, x);
  }
  // Collected backwards as (b, a) pairs: reversing gives (a, b) pairs in increasing order.
  return pairs.reverse();
}
