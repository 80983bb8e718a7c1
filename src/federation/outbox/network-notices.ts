// Networks seen from outside: the directory follows membership (members become peers, marks follow
// the records), and followers read a public note when this provider joins, leaves or is expelled
// from a network, or when a resolution passes in one it is a member of.
import { recordedMembership } from "../../domain/directory/membership.ts";
import { followMembership } from "../../domain/directory/network-members.ts";
import type { NetworkEvent } from "../../domain/networks/events.ts";
import type { NetworkOperations } from "../../domain/networks/operations.ts";
import { networkNoticeToCreate, type NetworkNotice } from "../mappers/network-note.ts";
import type { LocalActorEntry } from "../local-actors.ts";
import { motionKeyOf } from "../networks/documents.ts";
import { networkOperations } from "../networks/operations.ts";
import { sendToFollowers } from "./fanout.ts";
import type { Outgoing, Senders } from "./outgoing.ts";

type Name = Extract<NetworkEvent["commonhost"], "network.membership.changed" | "network.resolution.passed">;

const operationsOf = (out: Outgoing): NetworkOperations =>
  networkOperations(out.services, out.ctx.federation, out.actors);

async function sendNotice(
  out: Outgoing,
  provider: LocalActorEntry,
  network: { key: string; name: string },
  notice: NetworkNotice,
): Promise<void> {
  const author = {
    identifier: provider.identifier,
    uri: provider.uri,
    name: provider.record.name,
    languages: provider.record.profile.languages,
  };
  await sendToFollowers(out.ctx, provider.identifier, networkNoticeToCreate(out.ctx, author, network, notice));
}

export const networkNoticeSenders: Senders<Name> = {
  async "network.membership.changed"(out, event) {
    const log = out.services.logger.child({ module: "network-notices", network: event.network });
    const provider = await out.actors.provider(out.ctx);
    const network = provider && (await operationsOf(out).get(event.network));
    if (!provider || !network) {
      log.info({ member: event.member }, "membership change of a network this instance does not hold: ignored");
      return;
    }
    const { notice } = await followMembership(
      out.services.database.db,
      recordedMembership(out.services.database.db),
      provider.uri.href,
      event,
      network,
    );
    if (notice) await sendNotice(out, provider, network, { kind: notice });
  },

  async "network.resolution.passed"(out, event) {
    const log = out.services.logger.child({ module: "network-notices", network: event.network });
    const provider = await out.actors.provider(out.ctx);
    const operations = operationsOf(out);
    const network = provider && (await operations.get(event.network));
    // Only a member speaks of its network's decisions; a suspended one has no say in them.
    if (!provider || network?.status !== "member") {
      log.info({ motion: event.motion }, "resolution of a network this instance is not a member of: no note");
      return;
    }
    const found = await operations.motion(network.key, motionKeyOf(event.motion));
    const motion = found.ok ? found.value : undefined;
    if (motion?.kind !== "resolution" || motion.state !== "passed") {
      log.warn({ motion: event.motion }, "no passed resolution with this id: no note");
      return;
    }
    await sendNotice(out, provider, network, { kind: "resolution", text: motion.text });
  },
};
