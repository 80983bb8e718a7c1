// Anti-entropy rounds (ADR 0013 §4), run every NETWORK_SYNC_INTERVAL: a member compares what it holds
// with each other current member and fetches what it lacks; an applicant asks the member it applied
// through, which answers only once the record has admitted it (then its own fold makes it a member).
import { listNetworks, type NetworkRow, updateNetwork } from "../../domain/networks/networks.repository.ts";
import { summaryAnswer } from "../../domain/networks/sync.ts";
import { receiveDocument } from "./receive.ts";
import type { NetworkSelf, NetworksRuntime } from "./runtime.ts";
import { getSigned, postSigned } from "./signed-http.ts";
import { syncWith } from "./sync-client.ts";

/** One round with each peer of each network (or of the networks named). */
export async function syncNetworks(rt: NetworksRuntime, only?: readonly string[]): Promise<void> {
  const self = await rt.self();
  if (!self) return;
  for (const row of await listNetworks(rt.services.database.db)) {
    if (only && !only.includes(row.id)) continue;
    for (const peer of await peersOf(rt, self, row)) {
      try {
        await syncNetwork(rt, self, row, peer);
      } catch (err) {
        rt.services.logger.debug({ err, network: row.id, peer }, "anti-entropy round failed");
      }
    }
  }
}

/** Whom to ask: the other current members; for an applicant, the member it applied through. */
async function peersOf(rt: NetworksRuntime, self: NetworkSelf, row: NetworkRow): Promise<string[]> {
  if (row.status === "applicant") return row.via ? [row.via] : [];
  const held = await rt.store.replica(row.id);
  const record = held?.replica.record(Date.now(), rt.services.config.networkSettleMs);
  if (record?.members.get(self.actor)?.status !== "member") return [];
  return [...record.members.values()]
    .filter((m) => m.status === "member" && m.actor !== self.actor)
    .map((m) => m.actor);
}

async function syncNetwork(rt: NetworksRuntime, self: NetworkSelf, row: NetworkRow, peer: string): Promise<void> {
  const origin = new URL(peer).origin;
  const get = (url: URL) => getSigned(url, self.httpKey);
  const post = (url: URL, body: object) => postSigned(url, body, self.httpKey);
  let held = await rt.store.replica(row.id);
  if (!held) {
    // An applicant without the founding yet: the summary carries it once the peer counts it as a member.
    const summary = summaryAnswer.safeParse(await get(new URL(`/networks/${row.key}/sync`, origin)));
    if (!summary.success) return;
    await receiveDocument(rt, summary.data.founding, false);
    held = await rt.store.replica(row.id);
    if (!held) return;
  }
  await syncWith({
    peer: new URL(origin),
    key: row.key,
    replica: held.replica,
    get,
    post,
    receive: (document) => receiveDocument(rt, document, false),
  });
  // The member answered: its record counts this instance as a member, and it now holds what the member holds.
  if (row.status === "applicant") await updateNetwork(rt.services.database.db, row.id, { status: "member" });
}
