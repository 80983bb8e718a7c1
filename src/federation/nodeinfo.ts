import type { NodeInfoDispatcher } from "@fedify/fedify";
import { countAnnouncements } from "../domain/announcements/announcements.ts";
import { findProviderActor } from "../domain/actors/local-actors.ts";
import type { Runtime } from "../runtime.ts";
import { version } from "../version.ts";

export const nodeInfo: NodeInfoDispatcher<Runtime> = async (ctx) => {
  const { db } = ctx.data.database;
  const [actor, posts] = await Promise.all([findProviderActor(db), countAnnouncements(db)]);
  const provider = actor?.record;
  return {
    software: {
      name: "commonhost",
      version,
      homepage: new URL("https://w3id.org/commonhost"),
    },
    protocols: ["activitypub"],
    services: { inbound: [], outbound: [] },
    openRegistrations: false,
    usage: {
      users: { total: provider ? 1 : 0, activeMonth: provider ? 1 : 0, activeHalfyear: provider ? 1 : 0 },
      localPosts: posts,
      localComments: 0,
    },
    metadata: {
      nodeName: provider?.name ?? "Commonhost",
      nodeDescription: provider?.profile.summary ?? "",
      provider: provider
        ? {
            handle: provider.handle,
            services: [...new Set(provider.profile.services.map((s) => s.kind))],
            country: provider.profile.place.country ?? null,
            values: provider.profile.values.tags,
          }
        : null,
      vocabulary: "https://w3id.org/commonhost/ns#",
    },
  };
};
