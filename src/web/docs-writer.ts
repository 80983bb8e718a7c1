// Who writes shared documents here, for every web edge (API and panel): the provider, and whether it
// is a current member of a network (the audience check of a network document).
import type { NetworkCheck, Writer } from "../domain/docs/docs.ts";
import { isCurrentMember } from "../federation/networks/membership.ts";
import { networksRuntime } from "../federation/networks/runtime.ts";
import type { WebDeps } from "./deps.ts";

export function docsWriter({ services, federation, localActors }: WebDeps) {
  const networks = () => networksRuntime(services, federation, localActors);
  return {
    /** The provider writing, or undefined before setup. */
    async writer(): Promise<Writer | undefined> {
      const identifier = await localActors.providerIdentifier();
      return identifier === undefined
        ? undefined
        : { actor: localActors.uri(identifier).href, origin: services.config.origin };
    },
    memberOf:
      (self: Writer): NetworkCheck =>
      (network: string) =>
        isCurrentMember(networks(), network, self.actor),
  };
}
