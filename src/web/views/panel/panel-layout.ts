import { html } from "hono/html";
import type { Translate } from "../../../i18n/i18n.ts";
import { layout, type Page } from "../layout.ts";
import { csrfField } from "./forms.ts";

export type PanelPageContext = {
  locale: string;
  t: Translate;
  path: string;
  csrf: string;
  operator?: { username: string; role: "admin" | "editor"; newInquiries?: number | undefined } | undefined;
};

/** A panel page: the site layout plus the panel's navigation when someone is signed in. */
export function panelPage(p: PanelPageContext, title: string, body: Page) {
  const { t, operator } = p;
  const waiting = operator?.newInquiries ?? 0;
  const links: [string, string][] = [
    ["/admin", t("panel.nav.overview")],
    ["/admin/profile", t("panel.nav.profile")],
    ["/admin/announcements", t("panel.nav.announcements")],
    ["/admin/audience", t("panel.nav.audience")],
    ["/admin/feed", t("panel.nav.feed")],
    ["/admin/docs", t("panel.nav.docs")],
  ];
  if (operator?.role === "admin")
    links.push(
      ["/admin/network", t("panel.nav.network")],
      ["/admin/networks", t("panel.nav.networks")],
      ["/admin/groups", t("panel.nav.groups")],
      ["/admin/aid", t("panel.aid.nav")],
      ["/admin/emergencies", t("panel.emergencies.nav")],
      ["/admin/shutdown", t("panel.shutdown.nav")],
      ["/admin/inquiries", waiting > 0 ? t("panel.nav.inquiriesNew", { count: waiting }) : t("panel.nav.inquiries")],
      ["/admin/operators", t("panel.nav.operators")],
      ["/admin/tokens", t("panel.nav.tokens")],
      ["/admin/queue", t("panel.nav.queue")],
    );
  links.push(["/admin/account", t("panel.nav.account")]);
  const nav = operator
    ? html`<nav class="panel-nav" aria-label="${t("panel.nav.label")}"><ul>${links.map(
        ([href, label]) =>
          html`<li><a href="${href}"${p.path === href ? html` aria-current="page"` : ""}>${label}</a></li>`,
      )}<li><form method="post" action="/admin/logout">${csrfField(p.csrf)}<button type="submit" class="link">${t("panel.nav.signOut", { name: operator.username })}</button></form></li></ul></nav>`
    : undefined;
  return layout({
    locale: p.locale,
    t,
    title: `${title} · ${t("panel.title")}`,
    body,
    path: p.path,
    ...(nav ? { nav } : {}),
  });
}
