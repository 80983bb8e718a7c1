// The health watch section of a network's page, when this instance watches that network (it is a
// current member); an empty string otherwise.
import { watchedNetworks } from "../../federation/aid/watched.ts";
import type { KnownProvider } from "../../domain/directory/names.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { watchSection } from "./watch-views.ts";

export async function networkWatchSection(
  deps: Pick<WebDeps, "federation" | "services" | "localActors">,
  key: string,
  t: Translate,
  locale: string,
  known: ReadonlyMap<string, KnownProvider>,
) {
  const [watched] = await watchedNetworks(deps.federation, deps.services, deps.localActors, key);
  if (!watched) return "";
  const interval = deps.services.config.watchInterval;
  return watchSection({ t, locale, members: watched.members, known, interval, reporters: watched.reporters });
}
