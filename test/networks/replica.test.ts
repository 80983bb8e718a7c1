import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/domain/networks/canonical.ts";
import { firstDivergence } from "../../src/domain/networks/fork.ts";
import type { Genesis, NetworkObject } from "../../src/domain/networks/objects.ts";
import { idOf } from "../../src/domain/networks/objects.ts";
import { differing, differingBuckets, NetworkReplica, type Signed } from "../../src/domain/networks/replica.ts";
import { A, admitAll, B, ballot, C, genesis, HOUR, motion, pile, T0 } from "./builders.ts";

// Signatures of the tests: the proof names its author and a keyed hash of the object's id.
const sign = (o: NetworkObject): Signed => {
  const by = o.type === "Genesis" ? o.founder : o.by;
  return { object: o, proof: { by, sig: sha256(`key:${by}${idOf(o)}`) } };
};
const verify = (s: Signed) => {
  const p = s.proof as { by: string; sig: string };
  return p.sig === sha256(`key:${p.by}${idOf(s.object)}`) ? p.by : undefined;
};

function filled(objects: NetworkObject[], now = T0) {
  const r = new NetworkReplica(sign(genesis()) as Signed<Genesis>);
  for (const o of objects) r.add(sign(o), verify, now);
  return r;
}

describe("a member's replica", () => {
  it("stores a verified object once, and refuses forged, foreign and malformed ones", () => {
    const r = filled([]);
    const m = motion(A, "resolution", T0 + HOUR);
    expect(r.add(sign(m), verify, T0)).toEqual({ ok: true, value: "added" });
    expect(r.add(sign(m), verify, T0)).toEqual({ ok: true, value: "duplicate" });
    const forged = { object: ballot(m, B, "yes", T0 + HOUR), proof: { by: B, sig: "sha256:00" } };
    expect(r.add(forged, verify, T0)).toMatchObject({ ok: false, failure: { code: "network.signature_invalid" } });
    // Signed by C but claiming to be B's ballot.
    const stolen = { object: ballot(m, B, "yes", T0 + HOUR), proof: sign(ballot(m, C, "yes", T0)).proof };
    expect(r.add(stolen, verify, T0).ok).toBe(false);
    expect(r.add(sign({ ...m, network: "https://elsewhere.example/n" }), verify, T0)).toMatchObject({
      failure: { code: "network.wrong_network" },
    });
    expect(r.add(sign(ballot(m, B, "block", T0 + HOUR)), verify, T0).ok).toBe(false);
    expect(r.size).toBe(1);
  });

  it("has equal digests exactly when it holds the same objects, whatever the order", () => {
    const p = pile();
    admitAll(p, [B, C]);
    const all = [...p.motions, ...p.ballots, ...p.closings];
    const one = filled(all);
    const two = filled([...all].reverse());
    expect(differing(one.summary(), two.summary())).toEqual([]);
    const three = filled(all.slice(1));
    expect(differing(one.summary(), three.summary())).toEqual(["motions"]);
    const buckets = differingBuckets(one.bucketDigests("motions"), three.bucketDigests("motions"));
    expect(buckets).toEqual([idOf(all[0]!).charAt(7)]);
    const page = one.idPage("motions", null, 100, buckets);
    expect(page.ids).toContain(idOf(all[0]!));
    expect(page.ids.filter((id) => !three.has(id))).toEqual([idOf(all[0]!)]);
  });

  it("lists ids in sorted pages", () => {
    const p = pile();
    admitAll(p, ["https://d.example/actor", "https://e.example/actor", "https://f.example/actor", B, C]);
    const r = filled(p.ballots);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = r.idPage("ballots", after, 4);
      seen.push(...page.ids);
      after = page.next;
      pages += 1;
    } while (after !== null);
    expect(seen).toEqual(p.ballots.map(idOf).sort());
    expect(pages).toBe(Math.ceil(p.ballots.length / 4));
  });

  it("owes a closing for a motion it held before the close, listing what it received before it", () => {
    const p = pile();
    admitAll(p, [B]);
    const t = T0 + 10 * HOUR;
    const m = motion(A, "resolution", t);
    const early = ballot(m, A, "yes", t + 1000);
    const late = ballot(m, B, "yes", t + 2000);
    const r = filled([...p.motions, ...p.ballots, ...p.closings], t);
    r.add(sign(m), verify, t + 1000);
    r.add(sign(early), verify, t + 2000);
    const closesAt = t + 14 * 86_400_000;
    r.add(sign(late), verify, closesAt + 1);
    const record = r.record(closesAt, 0);
    expect(r.dueClosings(B, closesAt - 1, record, new Set())).toEqual([]);
    const [closing] = r.dueClosings(B, closesAt + 5, record, new Set());
    expect(closing).toMatchObject({ motion: idOf(m), by: B, ballots: [idOf(early)] });
    expect(r.dueClosings(B, closesAt + 5, record, new Set([idOf(m)]))).toEqual([]);
  });

  it("finds where two records first differ", () => {
    const a = [
      { seq: 0, digest: "x" },
      { seq: 1, digest: "y" },
    ];
    expect(firstDivergence(a, [{ seq: 0, digest: "x" }])).toBeUndefined();
    expect(firstDivergence(a, [a[0]!, { seq: 1, digest: "z" }])).toEqual({ seq: 1, ours: "y", theirs: "z" });
  });
});
