// A document held here as the Article its readers get: the public page's JSON-LD and what the outbox
// sends. A network document names the network as its `audience`, so that a member receiving it knows
// whose members may read it (and never `as:Public`); a group document names its group, and is addressed
// to the group alone (its host relays it to the members, whom only the host knows).
import type { DocumentView } from "../../domain/docs/docs.ts";
import { type Article, type ArticleAudience, buildArticle } from "../mappers/article.ts";
import { tagUrl } from "../mappers/note.ts";

export type ArticleReaders = { readonly followers: string } | { readonly members: readonly string[] };

export function articleOf(view: DocumentView, origin: string, readers: ArticleReaders): Article {
  const { document } = view;
  const audience: ArticleAudience =
    "followers" in readers
      ? { kind: "public", followers: readers.followers }
      : { kind: document.audience === "group" ? "group" : "network", members: readers.members };
  const article = buildArticle({
    id: document.id,
    url: document.id,
    attributedTo: document.author,
    history: view.history,
    translations: view.translations,
    audience,
    tagUrl: (tag) => tagUrl(origin, tag).href,
  });
  if (document.audience === "network" && document.network) return { ...article, audience: document.network };
  if (document.audience === "group" && document.group) return { ...article, audience: document.group };
  return article;
}
