// The networks a member lists publicly (its `/networks`), read before applying through it, so that the
// panel can show the applicant which network it applies to and each of the charter's questions.
import { fail, fieldError, ok, type Result } from "../../domain/validation.ts";
import type { Runtime } from "../../runtime.ts";
import type { AppFederation } from "../federation.ts";
import { lookupActor } from "../follow-remote.ts";
import { type ListedNetwork, publishedNetworks } from "./join.ts";

export type MemberListing = { readonly member: string; readonly networks: readonly ListedNetwork[] };

/** The member named by `via` (a handle or an actor URL) and the networks it lists. */
export async function networksListedBy(
  federation: AppFederation,
  services: Runtime,
  via: string,
): Promise<Result<MemberListing>> {
  const query = via.trim();
  if (!/^@?[^@\s]+@[^@\s]+$/.test(query) && !/^https?:\/\/\S+$/.test(query))
    return fail("invalid", "network.via_invalid", { fields: { via: fieldError("handleOrUrl") } });
  const actor = await lookupActor(federation, services, query);
  if (!actor?.id)
    return fail("not_found", "network.via_not_found", {
      vars: { via: query },
      fields: { via: fieldError("notFound") },
    });
  const networks = await publishedNetworks(actor.id.origin);
  if (!networks)
    return fail("not_found", "network.via_unreachable", {
      vars: { via: query },
      fields: { via: fieldError("notFound") },
    });
  return ok({ member: actor.id.href, networks });
}
