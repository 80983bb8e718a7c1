import { html } from "hono/html";
import { httpUrlOrNull } from "../../domain/html.ts";

/**
 * A link to something on another server: its page if that is an http(s) URL, else its id if that is
 * one, else the text alone. What another server sends is sanitised when stored as well; this is the
 * second guard, for rows stored before that or by another path.
 */
export function remoteLink(page: string | null | undefined, id: string | null | undefined, text: unknown) {
  const href = httpUrlOrNull(page) ?? httpUrlOrNull(id);
  return href ? html`<a href="${href}" rel="nofollow noopener">${text}</a>` : html`<span>${text}</span>`;
}
