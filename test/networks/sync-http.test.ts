import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import type { NetworkObject } from "../../src/domain/networks/objects.ts";
import { differing, type Signed } from "../../src/domain/networks/replica.ts";
import { documentOf as unsignedDocumentOf } from "../../src/federation/networks/documents.ts";
import { getSigned, postSigned } from "../../src/federation/networks/signed-http.ts";
import { signDocument, verifyDocument } from "../../src/federation/networks/proof.ts";
import { syncWith } from "../../src/federation/networks/sync-client.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { type Signer, signerOf } from "../helpers/signed-post.ts";
import { byDocumentId, type Held, KEY, motionsWithBallots, portOf, receiver, replicaOf } from "./sync-replicas.ts";

const VOTERS = Array.from({ length: 8 }, (_, i) => `https://v${i}.example/actor`);

type Member = { instance: TestInstance; held: Held; actor: string; signer: Signer };

async function member(): Promise<Member> {
  const held: Held = { replica: undefined, members: new Set() };
  const instance = await startInstance({ networkSync: portOf(held) });
  const actor = instance.localActors.uri("provider").href;
  return { instance, held, actor, signer: await signerOf(instance, "provider") };
}

/** Signed requests made by `from`, counted. */
function client(from: Member) {
  const made = { requests: 0 };
  return {
    made,
    get: (url: URL) => {
      made.requests++;
      return getSigned(url, from.signer);
    },
    post: (url: URL, body: object) => {
      made.requests++;
      return postSigned(url, body, from.signer);
    },
  };
}

describe("anti-entropy over HTTP", { timeout: 180_000 }, () => {
  let members: Member[] = [];
  afterEach(async () => {
    await stopAll(...members.map((m) => m.instance));
    members = [];
  });

  async function network(count: number) {
    members = [];
    for (let i = 0; i < count; i++) members.push(await member());
    const id = `${members[0]!.instance.origin}/networks/${KEY}`;
    for (const m of members) for (const other of members) m.held.members.add(other.actor);
    return id;
  }

  it("costs one request per peer when members are in sync", async () => {
    const id = await network(3);
    const objects = motionsWithBallots(id, VOTERS, 30, 0);
    for (const m of members) m.held.replica = replicaOf(id, members[0]!.actor, objects);
    const [a, b, c] = members as [Member, Member, Member];
    const counted = client(a);
    const received: unknown[] = [];
    for (const peer of [b, c]) {
      const round = await syncWith({
        peer: new URL(peer.instance.origin),
        key: KEY,
        replica: a.held.replica!,
        ...counted,
        receive: async (doc) => {
          received.push(doc);
        },
      });
      expect(round).toEqual({ requests: 1, fetched: 0, differing: [] });
    }
    expect(counted.made.requests).toBe(2);
    expect(received).toEqual([]);
  });

  it("brings a member that missed 1,000 objects level in one round of paged fetches", async () => {
    const id = await network(2);
    const [a, b] = members as [Member, Member];
    const shared = motionsWithBallots(id, VOTERS, 20, 0); // 200 objects both hold
    const missed = motionsWithBallots(id, VOTERS, 100, 1000); // 1,000 only b holds
    expect([shared.length, missed.length]).toEqual([200, 1000]);
    a.held.replica = replicaOf(id, a.actor, shared);
    b.held.replica = replicaOf(id, a.actor, [...shared, ...missed]);
    const counted = client(a);
    const round = await syncWith({
      peer: new URL(b.instance.origin),
      key: KEY,
      replica: a.held.replica,
      ...counted,
      receive: receiver(a.held.replica, byDocumentId(missed)),
    });
    // 1 summary + 3 bucket lists (motions, ballots, closings) + 3 id pages (960 ballot ids fit in one)
    // + 5 requests of 200 documents.
    expect(round).toEqual({ requests: 12, fetched: 1000, differing: ["motions", "ballots", "closings"] });
    expect(counted.made.requests).toBe(12);
    expect(differing(a.held.replica.summary(), b.held.replica.summary())).toEqual([]);
    expect(a.held.replica.size).toBe(1200);
    const again = await syncWith({
      peer: new URL(b.instance.origin),
      key: KEY,
      replica: a.held.replica,
      ...client(a),
      receive: receiver(a.held.replica, byDocumentId(missed)),
    });
    expect(again.requests).toBe(1);
  });

  it("relays signed documents so that the receiver verifies the author's proof", async () => {
    const id = await network(2);
    const [a, b] = members as [Member, Member];
    const [, ed25519] = await b.instance.localActors.keyPairs("provider");
    const actorDocument = (await (
      await fetch(b.actor, { headers: { Accept: "application/activity+json" } })
    ).json()) as { assertionMethod: { id: string; publicKeyMultibase: string }[] };
    // The Ed25519 key among the actor's assertion methods (its multibase starts with z6Mk).
    const method = actorDocument.assertionMethod.find((m) => m.publicKeyMultibase.startsWith("z6Mk"));
    const signer = { privateKey: ed25519!.privateKey, keyId: new URL(method!.id) };
    const objects = motionsWithBallots(id, [b.actor], 3, 0);
    b.held.replica = replicaOf(id, a.actor);
    for (const o of objects) {
      const signed: Signed = { object: o, proof: await signDocument(unsignedDocumentOf(o), signer) };
      b.held.replica.add(signed, () => b.actor, 0);
    }
    a.held.replica = replicaOf(id, a.actor);
    const ctx = a.instance.federation.createContext(new URL(a.instance.origin), a.instance.services);
    const loaders = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
    const verified: NetworkObject[] = [];
    const round = await syncWith({
      peer: new URL(b.instance.origin),
      key: KEY,
      replica: a.held.replica,
      ...client(a),
      receive: async (doc) => {
        const outcome = await verifyDocument(doc, loaders);
        if (!outcome.ok) throw new Error(outcome.why);
        verified.push(outcome.object);
        a.held.replica!.add({ object: outcome.object, proof: doc }, () => b.actor, 0);
      },
    });
    expect(round.fetched).toBe(9);
    expect(verified.map((o) => o.type).sort()).toEqual([
      ...Array(3).fill("Ballot"),
      ...Array(3).fill("Closing"),
      ...Array(3).fill("Motion"),
    ]);
    expect(differing(a.held.replica.summary(), b.held.replica.summary())).toEqual([]);
  });

  it("asks again for documents a large answer held back", async () => {
    const id = await network(2);
    const [a, b] = members as [Member, Member];
    // 100 motions of 40,000 characters: about 4 MB, more than one answer holds.
    const long = (i: number): NetworkObject => ({
      type: "Motion",
      network: id,
      by: b.actor,
      kind: "resolution",
      text: `${i} ${"x".repeat(40_000)}`,
      charter: 1,
      published: `2026-01-01T0${Math.floor(i / 60)}:${String(i % 60).padStart(2, "0")}:00.000Z`,
    });
    const motions = Array.from({ length: 100 }, (_, i) => long(i));
    a.held.replica = replicaOf(id, a.actor);
    b.held.replica = replicaOf(id, a.actor, motions);
    const posted: number[] = [];
    const counted = client(a);
    const round = await syncWith({
      peer: new URL(b.instance.origin),
      key: KEY,
      replica: a.held.replica,
      get: counted.get,
      post: async (url, body) => {
        const answer = (await counted.post(url, body)) as { objects: unknown[] };
        posted.push(answer.objects.length);
        return answer;
      },
      receive: receiver(a.held.replica, byDocumentId(motions)),
    });
    // 1 summary + 1 bucket list + 1 id page + 2 requests for documents (the second for what the first held back).
    expect(round).toEqual({ requests: 5, fetched: 100, differing: ["motions"] });
    expect(posted).toHaveLength(2);
    expect(posted[0]).toBeLessThan(100);
    expect(posted[0]! + posted[1]!).toBe(100);
    expect(differing(a.held.replica.summary(), b.held.replica.summary())).toEqual([]);
  });
});
