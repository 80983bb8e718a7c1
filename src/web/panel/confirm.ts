// The confirmation step of an irreversible action (deleting a federated announcement, removing an
// operator or a peer, revoking): a GET on the action's own path shows what will happen; the page's
// form POSTs to that path. The list pages link to it instead of posting in one click.
import type { HtmlEscapedString } from "hono/utils/html";
import { confirmation } from "../views/panel/forms.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import type { PanelContext } from "./guard.ts";

export function confirmPage(
  c: PanelContext,
  p: {
    /** Where "cancel" goes, and the navigation entry shown as current. */
    back: string;
    title: string;
    consequences: string[];
    submitLabel: string;
    hidden?: Record<string, string>;
    /** What is affected, shown above the consequences (an announcement's text…). */
    subject?: HtmlEscapedString | Promise<HtmlEscapedString>;
  },
) {
  const t = c.get("t");
  const body = confirmation({
    t,
    csrf: c.get("csrf"),
    title: p.title,
    consequences: p.consequences,
    action: c.req.path,
    submitLabel: p.submitLabel,
    cancelHref: p.back,
    ...(p.hidden ? { hidden: p.hidden } : {}),
    ...(p.subject ? { subject: p.subject } : {}),
  });
  return c.html(
    panelPage(
      { locale: c.get("locale"), t, path: p.back, csrf: c.get("csrf"), operator: c.get("operator") },
      p.title,
      body,
    ),
  );
}
