// Replicas held in memory and served through the sync port of real instances, for the tests of
// anti-entropy over HTTP. Documents are the network documents members exchange, with a stand-in proof:
// the routes and the client carry documents as they are, and proofs are checked by receive (proof.ts).
import type { Genesis, NetworkObject } from "../../src/domain/networks/objects.ts";
import { authorOf, idOf } from "../../src/domain/networks/objects.ts";
import { NetworkReplica, type Signed } from "../../src/domain/networks/replica.ts";
import type { NetworkSyncPort } from "../../src/domain/networks/sync.ts";
import { documentIdOf, documentOf as unsignedDocumentOf } from "../../src/federation/networks/documents.ts";
import { charterBody, HOUR, iso, T0 } from "./builders.ts";

export const KEY = "0f1e2d3c4b5a69788796";

/** What one instance serves: its replica of the network and who it takes for a current member. */
export type Held = { replica: NetworkReplica | undefined; members: Set<string> };

export const portOf = (held: Held): NetworkSyncPort => ({
  load: (key) =>
    Promise.resolve(
      key === KEY && held.replica
        ? {
            replica: held.replica,
            isMember: (actor: string) => held.members.has(actor),
            founding: held.replica.genesis.proof as object,
          }
        : undefined,
    ),
});

export function documentOf(o: NetworkObject): Signed {
  return { object: o, proof: { ...unsignedDocumentOf(o), proof: { type: "DataIntegrityProof", by: authorOf(o) } } };
}

const trusted = (s: Signed) => authorOf(s.object);

export function replicaOf(network: string, founder: string, objects: readonly NetworkObject[] = []): NetworkReplica {
  const genesis: Genesis = {
    type: "Genesis",
    network,
    name: "Hosts",
    founder,
    charter: charterBody(),
    published: iso(T0),
  };
  const replica = new NetworkReplica(documentOf(genesis) as Signed<Genesis>);
  for (const o of objects) replica.add(documentOf(o), trusted, T0);
  return replica;
}

/** Hands a fetched document to the replica when it is one of `known` (the objects the test made). */
export function receiver(replica: NetworkReplica, known: ReadonlyMap<string, Signed>) {
  return async (document: Record<string, unknown>) => {
    const signed = known.get(String(document.id));
    if (!signed || JSON.stringify(signed.proof) !== JSON.stringify(document))
      throw new Error(`unexpected document ${String(document.id)}`);
    replica.add(signed, trusted, T0);
  };
}

/**
 * `count` motions, each with `voters.length` ballots and one closing (by the first voter): a motion's
 * worth of objects is 2 + voters. `from` keeps batches apart (distinct times, distinct ids).
 */
export function motionsWithBallots(network: string, voters: readonly string[], count: number, from: number) {
  const objects: NetworkObject[] = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + HOUR + (from + i) * 1000;
    const motion: NetworkObject = {
      type: "Motion",
      network,
      by: voters[0]!,
      kind: "resolution",
      text: `Resolution ${from + i}`,
      charter: 1,
      published: iso(at),
    };
    objects.push(motion);
    const ballots = voters.map(
      (by): NetworkObject => ({
        type: "Ballot",
        network,
        motion: idOf(motion),
        by,
        choice: "yes",
        published: iso(at + 1),
      }),
    );
    objects.push(...ballots);
    objects.push({
      type: "Closing",
      network,
      motion: idOf(motion),
      by: voters[0]!,
      ballots: ballots.map((b) => idOf(b)).sort(),
      published: iso(at + HOUR),
    });
  }
  return objects;
}

export const byDocumentId = (objects: readonly NetworkObject[]) =>
  new Map(objects.map((o) => [documentIdOf(o.network, idOf(o)), documentOf(o)] as const));
