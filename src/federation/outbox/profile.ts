// The provider's profile: a change is sent to every follower as an Update of the actor.
import { PUBLIC_COLLECTION, Update } from "@fedify/vocab";
import type { ProviderEvent } from "../../domain/provider/events.ts";
import { sendToFollowers } from "./fanout.ts";
import { activityId, type Senders } from "./outgoing.ts";

export const profileSenders: Senders<ProviderEvent["commonhost"]> = {
  async "profile.updated"({ ctx, actors }) {
    actors.invalidate();
    const provider = await actors.provider(ctx);
    if (!provider) return;
    await sendToFollowers(
      ctx,
      provider.identifier,
      new Update({
        id: activityId(provider.uri, "updates"),
        actor: provider.uri,
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(provider.identifier),
        object: provider.actor,
      }),
    );
  },
};
