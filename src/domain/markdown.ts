// Markdown from operators becomes HTML that is safe to show anywhere and to send to the fediverse.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "del",
    "span",
  ],
  allowedAttributes: { a: ["href", "rel", "class", "title"], span: ["class"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedClasses: { a: ["hashtag", "mention", "u-url"], span: ["h-card"] },
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }) },
};

/** Renders untrusted markdown to sanitised HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), allowed);
}

/** Sanitises HTML received from elsewhere (a remote reply) before it is stored or shown. */
export function sanitizeRemoteHtml(html: string): string {
  return sanitizeHtml(html, allowed);
}

const hashtagPattern = /(^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** Hashtags in a markdown source, lower-cased, unique, in order of appearance. */
export function extractHashtags(source: string): string[] {
  const seen = new Set<string>();
  for (const match of source.matchAll(hashtagPattern)) seen.add(match[2]!.toLowerCase());
  return [...seen];
}

/** Renders markdown and turns #tags into links to tagUrl(tag), as Mastodon does. */
export function renderWithHashtags(source: string, tagUrl: (tag: string) => string): string {
  const html = renderMarkdown(source);
  // Only touch text outside tags and outside <a>/<code>: split on tags and track nesting.
  let inLinkOrCode = 0;
  return html
    .split(/(<[^>]+>)/)
    .map((part) => {
      if (part.startsWith("<")) {
        if (/^<(a|code|pre)\b/.test(part)) inLinkOrCode++;
        else if (/^<\/(a|code|pre)>/.test(part)) inLinkOrCode = Math.max(0, inLinkOrCode - 1);
        return part;
      }
      if (inLinkOrCode > 0) return part;
      return part.replace(hashtagPattern, (_m, before: string, tag: string) => {
        const href = tagUrl(tag.toLowerCase()).replace(/"/g, "&quot;");
        return `${before}<a href="${href}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`;
      });
    })
    .join("");
}
