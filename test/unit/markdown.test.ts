import { describe, expect, it } from "vitest";
import { extractHashtags, renderMarkdown, renderWithHashtags, sanitizeRemoteHtml } from "../../src/domain/markdown.ts";

const tagsOf = (html: string) => html.match(/<[^>]+>/g) ?? [];
const tagUrl = (t: string) => `https://example.org/tags/${t}`;

describe("markdown", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script> hello"],
    ["a javascript: link", "[click](javascript:alert(1))"],
    ["an encoded javascript: link", "[click](jav&#x61;script:alert(1))"],
    ["an onerror attribute", '<img src=x onerror="alert(1)">'],
    ["raw HTML", '<div onclick="alert(1)"><iframe src="https://evil.example"></iframe></div>'],
    ["a data: image", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["an autolink", "<javascript:alert(1)>"],
  ])("strips %s", (_what, source) => {
    // Escaped text (&lt;script&gt;) is inert; what matters is the tags and attributes that remain.
    const tags = tagsOf(renderMarkdown(source));
    for (const tag of tags) {
      expect(tag).toMatch(/^<\/?(p|a|code|strong|em)\b/);
      expect(tag).not.toMatch(/\son\w+=|javascript:|data:|<(script|img|iframe|div)/i);
    }
  });

  it("keeps ordinary formatting and makes links safe", () => {
    const html = renderMarkdown("**bold** and [a link](https://example.org)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">a link</a>');
  });

  it("sanitises remote HTML the same way", () => {
    const html = sanitizeRemoteHtml(
      '<p>hi<script>alert(1)</script><a href="javascript:x" onmouseover="y">z</a><img src=x onerror=alert(1)></p>',
    );
    expect(html).toBe('<p>hi<a rel="nofollow noopener noreferrer">z</a></p>');
  });

  it("links hashtags, but not inside code or links", () => {
    const html = renderWithHashtags(
      "Maintenance #Ops tonight, `#notatag` and [#linked](https://example.org) and\n\n```\n#nope\n```",
      tagUrl,
    );
    expect(html).toContain(
      '<a href="https://example.org/tags/ops" class="mention hashtag" rel="tag">#<span>Ops</span></a>',
    );
    expect(html).toContain("<code>#notatag</code>");
    expect(html).toContain(">#linked</a>");
    expect(html).not.toContain("tags/notatag");
    expect(html).not.toContain("tags/linked");
    expect(html).not.toContain("tags/nope");
  });

  it("does not take an HTML entity or a URL fragment for a hashtag", () => {
    expect(extractHashtags("a&#39;b https://example.org/#section #Real #real #2024 #été")).toEqual(["real", "été"]);
  });
});
