// What this instance serves to other members' anti-entropy rounds: its replica of a network, who is a
// current member by its record, and the founding document.
import { findNetwork } from "../../domain/networks/networks.repository.ts";
import type { NetworkSyncPort } from "../../domain/networks/sync.ts";
import type { NetworksRuntime } from "./runtime.ts";

export function networkSyncPort(rt: NetworksRuntime): NetworkSyncPort {
  return {
    async load(key) {
      const row = await findNetwork(rt.services.database.db, key);
      if (!row || row.key !== key || !row.founding) return undefined;
      const held = await rt.store.replica(row.id);
      if (!held) return undefined;
      const record = held.replica.record(Date.now(), rt.services.config.networkSettleMs);
      return {
        replica: held.replica,
        isMember: (actor) => record.members.get(actor)?.status === "member",
        founding: row.founding,
      };
    },
  };
}
