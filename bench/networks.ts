// Networks: the engine's costs (bench/run.ts section `networks`). Every figure against a baseline of the
// same run: proof checks against hashing the same bytes, a 500-member decision against the fold without
// it, anti-entropy requests against the objects a full transfer would move.
import { generateKeyPairSync, sign as edSign, verify as edVerify } from "node:crypto";
import { canonicalJson, sha256 } from "../src/domain/networks/canonical.ts";
import { parseCharter } from "../src/domain/networks/charter.ts";
import type { Ballot, Closing, Genesis, Motion, NetworkObject } from "../src/domain/networks/objects.ts";
import { idOf } from "../src/domain/networks/objects.ts";
import { foldRecord, identified, indexClosing } from "../src/domain/networks/record.ts";
import { differing, differingBuckets, NetworkReplica, type Signed } from "../src/domain/networks/replica.ts";
import { tallyMotion } from "../src/domain/networks/tally.ts";
import { type Figure, median, round } from "./lib/stats.ts";

const NET = "https://a.example/networks/bench";
const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const actor = (i: number) => `https://m${i}.example/actor`;

function timeIt(fn: () => void, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

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

export async function benchNetworks(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // 1. Proof checks: eddsa-jcs-2022's work (canonical JSON, sha256, Ed25519 verify) per ballot.
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const ballots = Array.from({ length: 2000 }, (_, i) => ({
    type: "Ballot",
    network: NET,
    motion: `sha256:${i}`,
    by: actor(i % 100),
    choice: "yes",
    published: iso(T0 + i),
  }));
  const signed = ballots.map((b) => ({ b, sig: edSign(null, Buffer.from(sha256(canonicalJson(b))), privateKey) }));
  const verifyAll = () => {
    for (const { b, sig } of signed)
      if (!edVerify(null, Buffer.from(sha256(canonicalJson(b))), publicKey, sig)) throw new Error("bad");
  };
  const hashAll = () => {
    for (const { b } of signed) sha256(canonicalJson(b));
  };
  verifyAll();
  const perSecond = (signed.length / timeIt(verifyAll, 5)) * 1000;
  const hashesPerSecond = (signed.length / timeIt(hashAll, 5)) * 1000;
  figures.push({
    name: "ballot proof checks (JCS + sha256 + Ed25519) per second, one core",
    ratio: perSecond / hashesPerSecond,
    value: round(perSecond, 0),
    unit: "/s",
    baseline: `${round(hashesPerSecond, 0)} canonical hashes/s`,
    target: "≥ 1,000/s",
    pass: perSecond >= 1000,
  });

  // 2. Tallying a motion of 500 members: the fold with the motion against the fold without it.
  const without = foldOf(network(500, 0));
  const withMotion = foldOf(network(500, 500));
  for (let i = 0; i < 3; i++) {
    without();
    withMotion();
  }
  const base = timeIt(without, 9);
  const full = timeIt(withMotion, 9);
  const decision = Math.max(0, full - base);
  figures.push({
    name: "deciding a 500-member motion (witnessed ballots, tally, record entry)",
    ratio: full / base,
    value: round(decision, 2),
    unit: "ms",
    baseline: `fold of the same network without it: ${round(base, 1)} ms`,
    target: "≤ 10 ms",
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
    target: "≤ 10 ms",
    pass: tallyMs <= 10,
  });

  // 3. Anti-entropy: in sync, one small request per peer per round; 1,000 missing decisions, one round of pages.
  const big = network(1001, 0);
  const verify = (s: Signed) => (s.proof as { by: string }).by;
  const sign = (o: NetworkObject): Signed => ({ object: o, proof: { by: o.type === "Genesis" ? o.founder : o.by } });
  const g = sign(big.genesis) as Signed<Genesis>;
  const full1 = new NetworkReplica(g);
  const full2 = new NetworkReplica(g);
  const behind = new NetworkReplica(g);
  for (const o of [...big.motions, ...big.ballots, ...big.closings]) {
    full1.add(sign(o), verify, big.end);
    full2.add(sign(o), verify, big.end);
  }
  const inSync = differing(full1.summary(), full2.summary()).length;
  figures.push({
    name: "anti-entropy between members in sync: requests per peer per round",
    ratio: 1 / full1.size,
    value: 1 + inSync,
    unit: "request",
    baseline: `${full1.size} objects a full transfer would move`,
    target: "1 (a digest compare)",
    pass: inSync === 0,
  });
  let requests = 1;
  let pages = 0;
  const PAGE = 500;
  // Per differing collection: its bucket digests, then the ids of the differing buckets and the missing objects, in pages.
  for (const c of differing(behind.summary(), full1.summary())) {
    requests += 1;
    const buckets = differingBuckets(behind.bucketDigests(c), full1.bucketDigests(c));
    let after: string | null = null;
    do {
      const page = full1.idPage(c, after, PAGE, buckets);
      requests += 1;
      const missing = page.ids.filter((id) => !behind.has(id));
      for (let i = 0; i < missing.length; i += PAGE) {
        requests += 1;
        pages += 1;
        for (const s of full1.objects(missing.slice(i, i + PAGE))) behind.add(s, verify, big.end);
      }
      after = page.next;
    } while (after !== null);
  }
  const caughtUp = behind.record(big.end, 60_000).head === full1.record(big.end, 60_000).head;
  const decisions = full1.record(big.end, 60_000).decisions.length - 1;
  figures.push({
    name: `catching up ${decisions} decisions in one round of paged fetches: requests`,
    ratio: requests / full1.size,
    value: requests,
    unit: "requests",
    baseline: `${full1.size} objects (${pages} pages of ≤ ${PAGE})`,
    target: "one round, equal heads",
    pass: caughtUp && differing(behind.summary(), full1.summary()).length === 0,
  });
  return figures;
}

if (import.meta.main) {
  const { formatFigures } = await import("./lib/stats.ts");
  process.stdout.write(`${formatFigures("Networks", await benchNetworks())}\n`);
}
