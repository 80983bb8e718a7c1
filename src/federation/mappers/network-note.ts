// What a provider's followers read about its networks. Mastodon drops Join, Leave and object types it
// does not know, so joining, leaving, an expulsion and a passed resolution are told as a public Note,
// in the provider's language, naming the network and linking its public page on this instance.
import type { Context } from "@fedify/fedify";
import { Create, LanguageString, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { escapeHtml } from "../../domain/html.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { DEFAULT_LOCALE, supportedLocales, translator } from "../../i18n/i18n.ts";
import type { Runtime } from "../../runtime.ts";

export type NetworkNotice =
  | { readonly kind: "joined" | "left" | "expelled" }
  /** `text` is the motion's markdown, as its author wrote it. */
  | { readonly kind: "resolution"; readonly text: string };

export type NoticeAuthor = {
  readonly identifier: string;
  readonly uri: URL;
  readonly name: string;
  /** The provider's languages, first the one it speaks to its followers in. */
  readonly languages: readonly string[];
};

/** The language a provider's notes are written in: its first one that this instance translates to. */
export function noticeLanguage(languages: readonly string[]): string {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split("-")[0]!;
    if (supportedLocales.includes(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** The public page of a network on this instance. */
export const networkPageUrl = (origin: string, key: string) => new URL(`/networks/${key}`, origin);

/** A translated sentence as HTML: its text escaped, its placeholders filled with HTML made here. */
function sentence(language: string, key: string, parts: Record<string, string>): string {
  const template = escapeHtml(translator(language)(key));
  return template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => parts[name] ?? m);
}

export function networkNoticeHtml(
  origin: string,
  author: NoticeAuthor,
  network: { readonly key: string; readonly name: string },
  notice: NetworkNotice,
): string {
  const language = noticeLanguage(author.languages);
  const link = `<a href="${escapeHtml(networkPageUrl(origin, network.key).href)}">${escapeHtml(network.name)}</a>`;
  const parts = { provider: escapeHtml(author.name), network: link };
  const said = `<p>${sentence(language, `networkNotice.${notice.kind}`, parts)}</p>`;
  return notice.kind === "resolution" ? `${said}${renderMarkdown(notice.text)}` : said;
}

/** The Create(Note) sent to the provider's followers, public, in the provider's language. */
export function networkNoticeToCreate(
  ctx: Context<Runtime>,
  author: NoticeAuthor,
  network: { readonly key: string; readonly name: string },
  notice: NetworkNotice,
  published: Temporal.Instant = Temporal.Now.instant(),
): Create {
  const language = noticeLanguage(author.languages);
  const content = networkNoticeHtml(ctx.origin, author, network, notice);
  const followers = ctx.getFollowersUri(author.identifier);
  const note = new Note({
    id: new URL(`${author.uri.href}#network-notes/${crypto.randomUUID()}`),
    attribution: author.uri,
    to: PUBLIC_COLLECTION,
    cc: followers,
    // A plain content for every reader, and contentMap with the language for those that use it.
    contents: [content, new LanguageString(content, language)],
    url: networkPageUrl(ctx.origin, network.key),
    published,
  });
  return new Create({
    id: new URL(`${note.id!.href}/create`),
    actor: author.uri,
    to: PUBLIC_COLLECTION,
    cc: followers,
    object: note,
    published,
  });
}
