// The provider as an ActivityPub Organization: Mastodon-readable fields and hashtags, plus the whole
// structured profile under the `commonhost` term of our vocabulary.
import type { Context } from "@fedify/fedify";
import { Endpoints, Hashtag, Image, Organization, PropertyValue } from "@fedify/vocab";
import { extractHashtags, renderWithHashtags } from "../../domain/markdown.ts";
import { TAXONOMY_VERSION } from "../../domain/profile/taxonomy.ts";
import type { ProviderRecord } from "../../domain/provider/provider.repository.ts";
import { translator } from "../../i18n/i18n.ts";
import { commonhostContext } from "../vocab/context.ts";
import { escapeHtml } from "../../domain/html.ts";
import { imageMediaType, imagePath } from "../../domain/images/images.ts";

export type ActorUrls = {
  profilePage: URL;
  tag: (tag: string) => URL;
};

/** The provider's icon or header as an ActivityStreams Image: what Mastodon shows as avatar and header. */
function imageOf(id: string | null | undefined, base: URL): Image | null {
  return id ? new Image({ url: new URL(imagePath(id), base), mediaType: imageMediaType(id) }) : null;
}

/** The profile as structured data, ready to be placed under the `commonhost` term. */
export function profileExtension(record: ProviderRecord) {
  return { taxonomyVersion: TAXONOMY_VERSION, ...record.profile };
}

/** The fields Mastodon shows as a table on the profile (it displays the first four). */
export function profileFields(record: ProviderRecord): { name: string; value: string }[] {
  const { profile } = record;
  const t = translator(profile.languages[0] ?? "en");
  const fields: { name: string; value: string }[] = [];
  if (profile.website) {
    const href = escapeHtml(profile.website);
    fields.push({
      name: t("field.website"),
      value: `<a href="${href}" rel="me nofollow noopener noreferrer" target="_blank">${escapeHtml(profile.website.replace(/^https?:\/\//, ""))}</a>`,
    });
  }
  if (profile.services.length > 0) {
    const kinds = [...new Set(profile.services.map((s) => t(`taxonomy.service.${s.kind}`)))];
    fields.push({ name: t("field.services"), value: escapeHtml(kinds.join(", ")) });
  }
  const place = [profile.place.region, profile.place.country].filter(Boolean).join(", ");
  if (place) fields.push({ name: t("field.region"), value: escapeHtml(place) });
  if (profile.values.tags.length > 0) {
    fields.push({
      name: t("field.values"),
      value: escapeHtml(profile.values.tags.map((v) => t(`taxonomy.value.${v}`)).join(", ")),
    });
  }
  if (profile.norms.shutdownNoticeDays !== undefined) {
    fields.push({
      name: t("field.shutdownNotice"),
      value: escapeHtml(t("field.days", { count: profile.norms.shutdownNoticeDays })),
    });
  }
  return fields;
}

/**
 * Hashtags for the values, the service kinds and the #tags of the values statement, so the provider
 * is found by tag on Mastodon.
 */
export function profileHashtags(record: ProviderRecord): string[] {
  const slug = (s: string) => s.replace(/-/g, "");
  const { values, services } = record.profile;
  return [
    ...new Set([...values.tags.map(slug), ...services.map((s) => slug(s.kind)), ...extractHashtags(values.statement)]),
  ];
}

/** The summary and the values statement; the statement's #tags link to tagHref(tag), as Mastodon's do. */
export function profileSummaryHtml(
  record: ProviderRecord,
  tagHref: (tag: string) => string = (tag) => `/tags/${encodeURIComponent(tag)}`,
): string {
  const parts = [record.profile.summary ? `<p>${escapeHtml(record.profile.summary)}</p>` : ""];
  if (record.profile.values.statement) parts.push(renderWithHashtags(record.profile.values.statement, tagHref));
  return parts.join("");
}

/**
 * Builds the actor and returns it with its compact JSON-LD. The Organization is re-read from that
 * JSON-LD so Fedify serves the document as built, extension included.
 */
export async function buildActor(
  ctx: Context<unknown>,
  record: ProviderRecord,
  urls: ActorUrls,
): Promise<{ actor: Organization; json: Record<string, unknown> }> {
  const identifier = record.handle;
  const keys = await ctx.getActorKeyPairs(identifier);
  const base = new Organization({
    id: ctx.getActorUri(identifier),
    preferredUsername: identifier,
    name: record.name,
    summary: profileSummaryHtml(record, (tag) => urls.tag(tag).href),
    url: urls.profilePage,
    published: Temporal.Instant.fromEpochMilliseconds(record.createdAt.getTime()),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    featured: ctx.getFeaturedUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    manuallyApprovesFollowers: false,
    discoverable: true,
    indexable: true,
    publicKey: keys.find((k) => k.privateKey.algorithm.name === "RSASSA-PKCS1-v1_5")?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    attachments: profileFields(record).map((f) => new PropertyValue({ name: f.name, value: f.value })),
    tags: profileHashtags(record).map((tag) => new Hashtag({ name: `#${tag}`, href: urls.tag(tag) })),
    icon: imageOf(record.iconImage, urls.profilePage),
    image: imageOf(record.headerImage, urls.profilePage),
    // Mastodon's account migration: alsoKnownAs on a successor, movedTo on a provider that closed.
    aliases: (record.alsoKnownAs ?? []).map((uri) => new URL(uri)),
    successor: record.movedTo ? new URL(record.movedTo) : null,
  });
  const compact = (await base.toJsonLd({ format: "compact" })) as Record<string, unknown>;
  const context = compact["@context"];
  const json = {
    ...compact,
    ...(Array.isArray(compact.tag) ? { tag: compact.tag.map(shortHashtagType) } : {}),
    "@context": [...(Array.isArray(context) ? context : [context]), commonhostContext],
    commonhost: profileExtension(record),
    // The networks this provider is a member of: a public collection on this instance.
    networks: new URL("/networks", ctx.origin).href,
    // Its open public offers and requests of mutual aid: a public collection on this instance.
    aidProposals: new URL("/aid/proposals", ctx.origin).href,
    // A standing notice of closing: when, and who takes over.
    ...(record.closing ? { closing: record.closing } : {}),
  };
  const actor = await Organization.fromJsonLd(json, {
    documentLoader: ctx.documentLoader,
    contextLoader: ctx.contextLoader,
  });
  return { actor, json };
}

function shortHashtagType(tag: unknown): unknown {
  return tag && typeof tag === "object" && (tag as { type?: unknown }).type === "as:Hashtag"
    ? { ...tag, type: "Hashtag" }
    : tag;
}
