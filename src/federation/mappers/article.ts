// Shared documents as ActivityStreams `Article`s, and incoming Articles back to domain values.
//
// What Mastodon makes of it: `Article` is one of its "converted" types (app/lib/activitypub/activity/
// create.rb, CONVERTED_TYPES): it does not show `content`, but the `name` and a link to `url`, with the
// summary (shown as a content warning in older versions); see mastodon/mastodon#24079, "Converted objects
// will only display a title, spoiler text and URL". It takes the post's language from the first key of
// `contentMap` (then `nameMap`, `summaryMap`; app/lib/activitypub/parser/status_parser.rb), so the
// original's language comes first in every map. Peers that read Articles get the whole text: `content`
// (sanitised HTML), `contentMap` with the current translations, and the markdown `source`.
//
// Plain JSON-LD rather than Fedify's vocabulary objects: the outbox sends it as it is, and the parser
// checks what a peer sent with zod before anything of it is stored.
import { z } from "zod";
import {
  bodySchema,
  canonicalLanguage,
  type DocumentContent,
  langSchema,
  MAX_BODY_BYTES,
  MAX_TAGS,
  summarySchema,
  tagsSchema,
  titleSchema,
} from "../../domain/docs/document.ts";
import { contentDigest, type History, head } from "../../domain/docs/revisions.ts";
import { type Translation, translationState } from "../../domain/docs/translations.ts";
import { renderMarkdown, sanitizeRemoteHtml } from "../../domain/markdown.ts";
import { fail, fieldErrors, ok, type Result } from "../../domain/validation.ts";

export const AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const PUBLIC_FORMS = new Set([AS_PUBLIC, "as:Public", "Public"]);

/** HTML of one language may be this many times the markdown's limit (markup adds to the text). */
export const MAX_HTML_CHARS = 4 * MAX_BODY_BYTES;
/** Languages in one Article. */
export const MAX_LANGUAGES = 50;
const MAX_RECIPIENTS = 5000;

/** Whom the Article is addressed to: public to the followers, or to named members, never public. */
export type ArticleAudience =
  | { readonly kind: "public"; readonly followers: string }
  | { readonly kind: "network" | "group"; readonly members: readonly string[] };

export type ArticleInput = {
  readonly id: string;
  /** The public page of the document (what Mastodon links to). */
  readonly url: string;
  readonly attributedTo: string;
  readonly history: History;
  /** Every translation; only those of the head's revision are sent (an outdated one would contradict it). */
  readonly translations: readonly Translation[];
  readonly audience: ArticleAudience;
  readonly tagUrl: (tag: string) => string;
};

export type Article = Record<string, unknown> & { readonly type: "Article"; readonly id: string };

export function buildArticle(input: ArticleInput): Article {
  const last = head(input.history);
  const { content } = last;
  const current = input.translations.filter(
    (t) => !translationState(input.history, t).outdated && t.lang.toLowerCase() !== content.lang.toLowerCase(),
  );
  const html = renderMarkdown(content.body);
  // The original first in each map: Mastodon reads the first key as the language.
  const map = (own: string, pick: (t: Translation) => string) =>
    Object.fromEntries([[content.lang, own], ...current.map((t) => [t.lang, pick(t)] as const)]);
  const hasSummary = content.summary !== "" || current.some((t) => t.summary !== "");
  const { to, cc } = addressing(input.audience);
  return {
    "@context": ["https://www.w3.org/ns/activitystreams", { Hashtag: "as:Hashtag" }],
    type: "Article",
    id: input.id,
    attributedTo: input.attributedTo,
    name: content.title,
    nameMap: map(content.title, (t) => t.title),
    ...(hasSummary ? { summary: content.summary, summaryMap: map(content.summary, (t) => t.summary) } : {}),
    content: html,
    contentMap: map(html, (t) => renderMarkdown(t.body)),
    mediaType: "text/html",
    source: { content: content.body, mediaType: "text/markdown" },
    tag: content.tags.map((tag) => ({ type: "Hashtag", name: `#${tag}`, href: input.tagUrl(tag) })),
    url: input.url,
    published: input.history[0]!.at,
    ...(input.history.length > 1 ? { updated: last.at } : {}),
    to,
    cc,
  };
}

function addressing(audience: ArticleAudience): { to: string[]; cc: string[] } {
  if (audience.kind === "public") return { to: [AS_PUBLIC], cc: [audience.followers] };
  // A members-only document names its readers one by one; the public collection never slips in.
  return { to: [...new Set(audience.members)].filter((m) => !PUBLIC_FORMS.has(m)), cc: [] };
}

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);
const uris = z
  .union([httpUrl.or(z.enum(["as:Public", "Public"])), z.array(httpUrl.or(z.enum(["as:Public", "Public"])))])
  .optional();
const langMap = (max: number) =>
  z
    .record(z.string().max(35), z.string().max(max))
    .refine((m) => Object.keys(m).length <= MAX_LANGUAGES, { params: { code: "tooMany", max: MAX_LANGUAGES } })
    .optional();

const articleSchema = z.looseObject({
  type: z.literal("Article"),
  id: httpUrl,
  attributedTo: httpUrl,
  url: httpUrl,
  name: z.string().max(MAX_HTML_CHARS).optional(),
  nameMap: langMap(MAX_HTML_CHARS),
  summary: z.string().max(MAX_HTML_CHARS).optional(),
  summaryMap: langMap(MAX_HTML_CHARS),
  content: z.string().max(MAX_HTML_CHARS).optional(),
  contentMap: langMap(MAX_HTML_CHARS),
  source: z.object({ content: z.string().max(MAX_BODY_BYTES * 2), mediaType: z.literal("text/markdown") }),
  tag: z.array(z.unknown()).max(100).optional(),
  published: z.iso.datetime({ offset: true }),
  updated: z.iso.datetime({ offset: true }).optional(),
  to: uris,
  cc: uris,
});

export type ReceivedTranslation = {
  readonly lang: string;
  readonly title: string;
  readonly summary: string;
  /** Sanitised here: peers send HTML only for translations. */
  readonly html: string;
};

export type ReceivedArticle = {
  readonly id: string;
  readonly url: string;
  readonly attributedTo: string;
  readonly published: string;
  readonly updated?: string;
  readonly content: DocumentContent;
  /** The digest of `content`, as the sender's history names the revision. */
  readonly digest: string;
  /** The original's HTML, sanitised again here. */
  readonly html: string;
  readonly translations: readonly ReceivedTranslation[];
  readonly audience:
    | { readonly kind: "public" }
    | { readonly kind: "restricted"; readonly recipients: readonly string[] };
};

/**
 * An Article from a peer as domain values. Refused: an oversized part (`too_large`,
 * `docs.article_too_large`, with the field), a malformed one (`invalid`, `docs.article_invalid`, with
 * field codes; `id` or `url` on another origin than `attributedTo` is `origin`). HTML is sanitised
 * again whatever the sender did; text parts go through the same limits as a local writer's (title ≤ 200,
 * summary ≤ 500, markdown ≤ 200 KB, tags ≤ 20).
 */
export function parseArticle(json: unknown): Result<ReceivedArticle> {
  const parsed = articleSchema.safeParse(json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const big = Object.entries(fields).find(([, e]) => e.code === "tooLong" || e.code === "tooMany");
    if (big) return fail("too_large", "docs.article_too_large", { vars: { field: big[0] }, fields });
    return fail("invalid", "docs.article_invalid", { fields });
  }
  const a = parsed.data;
  // An Article speaks for its author's server only: its id and its page are on the author's origin.
  const origin = new URL(a.attributedTo).origin;
  for (const field of ["id", "url"] as const)
    if (new URL(a[field]).origin !== origin)
      return fail("invalid", "docs.article_invalid", { fields: { [field]: { code: "origin" } } });
  const languages = Object.keys(a.contentMap ?? {});
  const primary = languages[0];
  if (!primary) return fail("invalid", "docs.article_invalid", { fields: { contentMap: { code: "required" } } });
  const hashtags = (a.tag ?? []).flatMap((t) => {
    const tag = t as { type?: unknown; name?: unknown };
    return tag.type === "Hashtag" && typeof tag.name === "string" ? [tag.name] : [];
  });
  const textOf = (map: Record<string, string> | undefined, lang: string, plain: string | undefined) =>
    map?.[lang] ?? plain ?? "";
  const fields = z
    .object({
      title: titleSchema,
      summary: summarySchema,
      body: bodySchema,
      lang: langSchema,
      tags: tagsSchema,
    })
    .safeParse({
      title: textOf(a.nameMap, primary, a.name),
      summary: textOf(a.summaryMap, primary, a.summary),
      body: a.source.content,
      lang: primary,
      tags: hashtags.slice(0, MAX_TAGS * 10),
    });
  if (!fields.success) {
    const errors = fieldErrors(fields.error);
    const big = Object.entries(errors).find(([, e]) => ["tooLong", "tooLarge", "tooMany"].includes(e.code));
    if (big) return fail("too_large", "docs.article_too_large", { vars: { field: big[0] }, fields: errors });
    return fail("invalid", "docs.article_invalid", { fields: errors });
  }
  const content: DocumentContent = fields.data;
  const translations: ReceivedTranslation[] = [];
  for (const lang of languages.slice(1)) {
    const canonical = canonicalLanguage(lang);
    if (!canonical || canonical.toLowerCase() === content.lang.toLowerCase())
      return fail("invalid", "docs.article_invalid", { fields: { [`contentMap.${lang}`]: { code: "language" } } });
    const title = titleSchema.safeParse(a.nameMap?.[lang] ?? "");
    const summary = summarySchema.safeParse(a.summaryMap?.[lang] ?? "");
    if (!title.success || !summary.success)
      return fail("invalid", "docs.article_invalid", { fields: { [`nameMap.${lang}`]: { code: "invalid" } } });
    translations.push({
      lang: canonical,
      title: title.data,
      summary: summary.data,
      html: sanitizeRemoteHtml(a.contentMap![lang]!),
    });
  }
  const recipients = [...toList(a.to), ...toList(a.cc)];
  if (recipients.length > MAX_RECIPIENTS) return fail("too_large", "docs.article_too_large", { vars: { field: "to" } });
  return ok({
    id: a.id,
    url: a.url,
    attributedTo: a.attributedTo,
    published: a.published,
    ...(a.updated ? { updated: a.updated } : {}),
    content,
    digest: contentDigest(content),
    html: sanitizeRemoteHtml(a.contentMap![primary]!),
    translations,
    audience: recipients.some((r) => PUBLIC_FORMS.has(r))
      ? { kind: "public" }
      : { kind: "restricted", recipients: [...new Set(recipients)] },
  });
}

const toList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
