// What declaring an emergency needs from the network: who to tell (and whether we may speak for the
// subject), and the public note's content warning and text in the provider's first language.
import { findProviderActor, localActorUri } from "../../domain/actors/local-actors.ts";
import type { TagUrl } from "../../domain/announcements/announcements.ts";
import type { EmergencyPorts } from "../../domain/emergencies/emergencies.ts";
import { translator } from "../../i18n/i18n.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import type { LocalActors } from "../local-actors.ts";
import { tagUrl } from "../mappers/note.ts";
import { networksRuntime } from "../networks/runtime.ts";
import { emergencyAudience, onBehalfRules } from "./membership.ts";

export async function emergencyPorts(
  federation: AppFederation,
  services: Runtime,
  actors: LocalActors,
  now = new Date(),
): Promise<EmergencyPorts | undefined> {
  const provider = await findProviderActor(services.database.db);
  if (!provider) return undefined;
  const language = provider.record.profile.languages[0] ?? null;
  const t = translator(language ?? "en");
  const ownUri = localActorUri(services.config.origin, provider.identifier);
  const link: TagUrl = (tag) => tagUrl(services.config.origin, tag).href;
  const rt = networksRuntime(services, federation, actors);
  return {
    ownUri,
    now,
    tagUrl: link,
    audience: (subject) => emergencyAudience(rt, subject),
    onBehalfRules: (subject) => onBehalfRules(rt, subject),
    noteText: ({ kind, summary, needs, subject, onBehalf }) => {
      const vars = { kind: t(`emergencies.kind.${kind}`), summary, subject, by: provider.record.name };
      return {
        warning: t(onBehalf ? "emergencies.warningOnBehalf" : "emergencies.warning", vars),
        content: `${onBehalf ? `${t("emergencies.onBehalf", vars)}\n\n` : ""}${t("emergencies.needs")}\n\n${needs}`,
        language,
      };
    },
  };
}
