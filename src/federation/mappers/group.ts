// A working group as an ActivityPub Group (FEP-1b12): Mastodon shows it as an account that can be
// followed, and its Announces as boosts.
import type { Context } from "@fedify/fedify";
import { Endpoints, Group } from "@fedify/vocab";
import { escapeHtml } from "../../domain/html.ts";
import type { GroupRecord } from "../../domain/groups/groups.repository.ts";

/** Builds the Group and returns it with its compact JSON-LD (served as is, like the provider's). */
export async function buildGroupActor(
  ctx: Context<unknown>,
  record: GroupRecord,
  urls: { profilePage: URL; hostedBy: URL | null },
): Promise<{ actor: Group; json: Record<string, unknown> }> {
  const identifier = record.handle;
  const keys = await ctx.getActorKeyPairs(identifier);
  const actor = new Group({
    id: ctx.getActorUri(identifier),
    preferredUsername: identifier,
    name: record.name,
    summary: `<p>${escapeHtml(record.purpose)}</p>`,
    url: urls.profilePage,
    published: Temporal.Instant.fromEpochMilliseconds(record.createdAt.getTime()),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    // Anyone may follow the public output; membership (relaying) is decided on the hosting instance.
    manuallyApprovesFollowers: false,
    discoverable: true,
    attribution: urls.hostedBy,
    publicKey: keys.find((k) => k.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5")?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  });
  const compact = (await actor.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader })) as Record<
    string,
    unknown
  >;
  return { actor, json: compact };
}
