// Anti-entropy over HTTP (bench/networks.ts, section `networks`): two real instances on loopback, each
// serving a replica held in memory through its sync port, and the sync client of one round between
// them, every request signed and checked. Counts requests and bytes; the baseline is what a transfer of
// the whole record would move. Proofs are not verified here (their cost is the figure before this one).
import { loadConfig } from "../src/config.ts";
import type { Genesis, NetworkObject } from "../src/domain/networks/objects.ts";
import { authorOf } from "../src/domain/networks/objects.ts";
import { differing, NetworkReplica, type Signed } from "../src/domain/networks/replica.ts";
import type { NetworkSyncPort } from "../src/domain/networks/sync.ts";
import { documentOf } from "../src/federation/networks/documents.ts";
import { getSigned, postSigned, type SigningKey } from "../src/federation/networks/signed-http.ts";
import { syncWith } from "../src/federation/networks/sync-client.ts";
import { createInstance, type Instance } from "../src/instance.ts";
import { createLogger } from "../src/logging.ts";
import { freePort } from "../test/helpers/free-port.ts";
import { benchDatabase } from "./lib/databases.ts";
import type { Figure } from "./lib/stats.ts";

export type SyncInputs = { genesis: Genesis; objects: readonly NetworkObject[]; end: number; key: string };

const signedOf = (o: NetworkObject): Signed => ({
  object: o,
  proof: { ...documentOf(o), proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022" } },
});
const trusted = (s: Signed) => authorOf(s.object);

function replicaOf(inputs: SyncInputs, objects: readonly NetworkObject[]): NetworkReplica {
  const replica = new NetworkReplica(signedOf(inputs.genesis) as Signed<Genesis>);
  for (const o of objects) replica.add(signedOf(o), trusted, inputs.end);
  return replica;
}

type Member = {
  instance: Instance;
  origin: string;
  actor: string;
  key: SigningKey;
  held: { replica?: NetworkReplica };
};

async function member(
  handle: string,
  inputs: SyncInputs,
  members: Set<string>,
): Promise<Member & { drop(): Promise<void> }> {
  const database = await benchDatabase("pglite", undefined, handle);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...database.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    ORIGIN: origin,
    ALLOW_PRIVATE_ADDRESS: "true",
  });
  const held: { replica?: NetworkReplica } = {};
  const networkSync: NetworkSyncPort = {
    load: (key) =>
      Promise.resolve(
        key === inputs.key && held.replica
          ? {
              replica: held.replica,
              isMember: (a: string) => members.has(a),
              founding: held.replica.genesis.proof as object,
            }
          : undefined,
      ),
  };
  const instance = await createInstance(config, createLogger(config.logLevel), { networkSync });
  await instance.listen({ queue: false });
  const actor = instance.localActors.uri(handle).href;
  members.add(actor);
  const [rsa] = await instance.localActors.keyPairs(handle);
  const document = (await (await fetch(actor, { headers: { Accept: "application/activity+json" } })).json()) as {
    publicKey: { id: string };
  };
  return {
    instance,
    origin,
    actor,
    key: { keyId: new URL(document.publicKey.id), privateKey: rsa!.privateKey },
    held,
    drop: async () => {
      await instance.stop();
      await database.drop();
    },
  };
}

async function round(from: Member, peer: Member, key: string) {
  let bytes = 0;
  const counted = async (answer: Promise<unknown>) => {
    const value = await answer;
    bytes += JSON.stringify(value ?? null).length;
    return value;
  };
  const replica = from.held.replica!;
  const result = await syncWith({
    peer: new URL(peer.origin),
    key,
    replica,
    get: (url) => counted(getSigned(url, from.key)),
    post: (url, body) => counted(postSigned(url, body, from.key, { maxBytes: 8 * 1024 * 1024 })),
    receive: async (document) => {
      const held = peer.held.replica!.objects([`sha256:${String(document.id).split("/").pop()}`])[0];
      if (held) replica.add(held, trusted, Date.now());
    },
  });
  return { ...result, bytes };
}

/** In sync, and one member lacking everything but the founding: requests and bytes of one round. */
export async function benchNetworkSync(inputs: SyncInputs, decisions: number): Promise<Figure[]> {
  const members = new Set<string>();
  const a = await member("alpha", inputs, members);
  const b = await member("beta", inputs, members);
  try {
    a.held.replica = replicaOf(inputs, inputs.objects);
    b.held.replica = replicaOf(inputs, inputs.objects);
    const full = inputs.objects.reduce((n, o) => n + JSON.stringify(signedOf(o).proof).length, 0);
    const inSync = await round(a, b, inputs.key);
    a.held.replica = replicaOf(inputs, []);
    const started = performance.now();
    const behind = await round(a, b, inputs.key);
    const ms = performance.now() - started;
    const equal = differing(a.held.replica.summary(), b.held.replica.summary()).length === 0;
    const heads = a.held.replica.record(inputs.end, 60_000).head === b.held.replica.record(inputs.end, 60_000).head;
    return [
      {
        name: "anti-entropy between members in sync, over HTTP: requests per peer per round",
        ratio: inSync.bytes / full,
        value: inSync.requests,
        unit: `request (${inSync.bytes} bytes)`,
        baseline: `${inputs.objects.length} objects, ${Math.round(full / 1024)} KB a full transfer would move`,
        target: "1 (a digest compare)",
        pass: inSync.requests === 1 && inSync.fetched === 0,
      },
      {
        name: `catching up ${decisions} decisions (${behind.fetched} objects) in one round over HTTP: requests`,
        ratio: behind.requests / behind.fetched,
        value: behind.requests,
        unit: "requests",
        baseline: `${behind.fetched} objects fetched, ${Math.round(behind.bytes / 1024)} KB, in ${Math.round(ms)} ms`,
        target: "one round, equal heads",
        pass: equal && heads && behind.fetched === inputs.objects.length,
      },
    ];
  } finally {
    await a.drop();
    await b.drop();
  }
}
