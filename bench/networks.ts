// Networks: the engine's costs (bench/run.ts section `networks`). Every figure against a baseline of the
// same run: ballot proof checks against bare Ed25519 verifies, a 500-member decision against the fold
// without it (and against its target), anti-entropy over HTTP against what a full transfer would move.
import { parseCharter } from "../src/domain/networks/charter.ts";
import type { Ballot, Closing, Genesis, Motion } from "../src/domain/networks/objects.ts";
import { idOf } from "../src/domain/networks/objects.ts";
import { foldRecord, identified, indexClosing } from "../src/domain/networks/record.ts";
import { tallyMotion } from "../src/domain/networks/tally.ts";
import { benchBallotProofs } from "./network-proofs.ts";
import { benchNetworkSync } from "./network-sync.ts";
import { type Figure, median, round, timeIt } from "./lib/stats.ts";

const KEY = "0123456789abcdef0123";
const NET = `https://a.example/networks/${KEY}`;
const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const actor = (i: number) => `https://m${i}.example/actor`;

function network(members: number, resolutionVoters: number) {
  const charter = parseCharter({ rules: { admission: { window: "PT1H" }, resolution: { window: "PT1H" } } }, 1000);
  if (!charter.ok) throw new Error(charter.failure.code);
  const genesis: Genesis = {
    type: "Genesis",
    network: NET,
    name: "Bench",
    founder: actor(0),
    charter: charter.value,
    published: iso(T0),
  };
  const motions: Motion[] = [];
  const ballots: Ballot[] = [];
  const closings: Closing[] = [];
  for (let i = 1; i < members; i++) {
    const m: Motion = {
      type: "Motion",
      network: NET,
      by: actor(0),
      kind: "admission",
      subject: actor(i),
      text: "",
      charter: 1,
      published: iso(T0 + 60_000),
    };
    const b: Ballot = {
      type: "Ballot",
      network: NET,
      motion: idOf(m),
      by: actor(0),
      choice: "yes",
      published: iso(T0 + 61_000),
    };
    motions.push(m);
    ballots.push(b);
    closings.push({
      type: "Closing",
      network: NET,
      motion: idOf(m),
      by: actor(i),
      ballots: [idOf(b)],
      published: iso(T0 + 3_660_000),
    });
  }
  const at = T0 + 2 * 3_600_000;
  if (resolutionVoters > 0) {
    const r: Motion = {
      type: "Motion",
      network: NET,
      by: actor(0),
      kind: "resolution",
      text: "",
      charter: 1,
      published: iso(at),
    };
    motions.push(r);
    const votes: Ballot[] = [];
    for (let i = 0; i < resolutionVoters; i++)
      votes.push({
        type: "Ballot",
        network: NET,
        motion: idOf(r),
        by: actor(i),
        choice: i % 5 ? "yes" : "no",
        published: iso(at + 1000 + i),
      });
    ballots.push(...votes);
    const ids = votes.map(idOf).sort();
    for (let i = 0; i < members; i++)
      closings.push({
        type: "Closing",
        network: NET,
        motion: idOf(r),
        by: actor(i),
        ballots: ids,
        published: iso(at + 3_600_000),
      });
  }
  return { genesis, motions, ballots, closings, end: at + 2 * 3_600_000 };
}

/** The fold as a replica runs it: closings indexed as they arrived. */
function foldOf(n: ReturnType<typeof network>) {
  const witnessIndex = {
    witnessed: new Map<string, Map<string, Set<string>>>(),
    closers: new Map<string, Set<string>>(),
  };
  for (const c of n.closings) indexClosing(witnessIndex, c);
  const inputs = {
    genesis: n.genesis,
    witnessIndex,
    motions: identified(n.motions),
    ballots: identified(n.ballots),
    closings: identified(n.closings),
    leaves: [],
  };
  return () => foldRecord(inputs, n.end, 60_000);
}

/** Times `base` and `extra` back to back, `rounds` times: both medians and the median of the differences. */
function pairedCost(base: () => void, extra: () => void, rounds: number) {
  const bases: number[] = [];
  const fulls: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = timeIt(base, 1);
    const f = timeIt(extra, 1);
    bases.push(b);
    fulls.push(f);
    differences.push(f - b);
  }
  return { base: median(bases), full: median(fulls), decision: Math.max(0, median(differences)) };
}

export async function benchNetworks(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // 1. Ballot proofs as members check them: verifyDocument (zod shape, id digest, Fedify's verifyProof of
  // an eddsa-jcs-2022 proof, key ownership), keys cached; against bare Ed25519 verifies of the same run.
  figures.push(await benchBallotProofs());

  // 2. Tallying a motion of 500 members: the fold with the motion against the fold without it.
  const without = foldOf(network(500, 0));
  const withMotion = foldOf(network(500, 500));
  for (let i = 0; i < 3; i++) {
    without();
    withMotion();
  }
  // Paired rounds, each fold right after the other: the median of the per-pair differences follows the
  // machine's load from moment to moment, where a difference of two separate medians can read 0 ms.
  const { base, full, decision } = pairedCost(without, withMotion, 15);
  figures.push({
    name: "deciding a 500-member motion (witnessed ballots, tally, record entry)",
    ratio: full / base,
    value: round(decision, 2),
    unit: "ms",
    baseline: `fold of the same network without it: ${round(base, 1)} ms`,
    target: `≤ 10 ms (${round(decision / 10, 2)}× of it)`,
    pass: decision <= 10,
  });
  const counted = Array.from({ length: 500 }, (_, i) => ({ by: actor(i), choice: "yes" as const }));
  const eligible = new Set(counted.map((b) => b.by));
  const rule = { window: "PT1H", quorum: 0.5, threshold: 0.5, block: true };
  const tallyMs =
    timeIt(() => {
      for (let i = 0; i < 100; i++) tallyMotion(rule, eligible, new Set(), counted);
    }, 5) / 100;
  figures.push({
    name: "tallyMotion over 500 counted ballots",
    ratio: tallyMs / full,
    value: round(tallyMs * 1000, 1),
    unit: "µs",
    baseline: `the whole fold: ${round(full, 1)} ms`,
    target: `≤ 10 ms (${round(tallyMs / 10, 4)}× of it)`,
    pass: tallyMs <= 10,
  });

  // 3. Anti-entropy over HTTP between two real instances: in sync, and 1,000 decisions behind.
  const big = network(1001, 0);
  const objects = [...big.motions, ...big.ballots, ...big.closings];
  figures.push(
    ...(await benchNetworkSync({ genesis: big.genesis, objects, end: big.end, key: KEY }, big.motions.length)),
  );
  return figures;
}

if (import.meta.main) {
  const { formatFigures } = await import("./lib/stats.ts");
  process.stdout.write(`${formatFigures("Networks", await benchNetworks())}\n`);
}
