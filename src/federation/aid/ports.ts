// What publishing and acting on agreements need from the network: the network's members, the public
// note's text in the provider's first language, and this provider's signature of a digest.
import type { AgreementPorts, ProposalPorts } from "../../domain/aid/aid.ts";
import { noteText, publicNoteParts } from "./documents.ts";
import { translator } from "../../i18n/i18n.ts";
import { findProviderActor } from "../../domain/actors/local-actors.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { tagUrl } from "../mappers/note.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { aidNetwork, sharedNetworks } from "./membership.ts";
import { signDigest, verifierFor } from "./signatures.ts";
import { upstreamPort } from "./upstream.ts";

export async function proposalPorts(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  now = new Date(),
): Promise<ProposalPorts | undefined> {
  const rt = networksRuntime(services, federation, actors);
  const self = await rt.self();
  const provider = await findProviderActor(services.database.db);
  if (!self || !provider) return undefined;
  const language = provider.record.profile.languages[0] ?? null;
  const t = translator(language ?? "en");
  return {
    ownUri: self.actor,
    now,
    tagUrl: (tag) => tagUrl(services.config.origin, tag).href,
    network: (idOrKey) => aidNetwork(rt, idOrKey),
    noteText: (p) => {
      const parts = publicNoteParts(p, p.id);
      return parts ? { content: noteText(parts, (key, vars) => t(key, vars)), language } : undefined;
    },
  };
}

export async function agreementPorts(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  now = new Date(),
): Promise<AgreementPorts | undefined> {
  const rt = networksRuntime(services, federation, actors);
  const self = await rt.self();
  if (!self) return undefined;
  return {
    ownUri: self.actor,
    now,
    sign: (digest) => signDigest(self, digest),
    verify: await verifierFor(rt, [self.actor]),
    fellow: async (network, actor) => (await sharedNetworks(rt, actor, [network])).length > 0,
    upstreamOf: upstreamPort(services, self.actor),
  };
}
