// The operators' web control panel under /admin, and the language switch every page links to.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { html } from "hono/html";
import { setCookie } from "hono/cookie";
import { countAnnouncements } from "../../domain/announcements/announcements.ts";
import { countFollowers } from "../../domain/followers/followers.ts";
import { lapsedEvidence } from "../../domain/profile/profile.schema.ts";
import { findProvider } from "../../domain/provider/provider.ts";
import { formatDate, labelled } from "../../i18n/format.ts";
import { supportedLocales } from "../../i18n/i18n.ts";
import type { WebDeps } from "../deps.ts";
import { LOCALE_COOKIE, type LocaleVariables } from "../middleware/locale.ts";
import { notice } from "../views/panel/forms.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { accountRoutes, operatorRoutes, tokenRoutes } from "./account-routes.ts";
import { announcementRoutes, audienceRoutes } from "./announcement-routes.ts";
import { aidRoutes } from "./aid-routes.ts";
import { authRoutes } from "./auth-routes.ts";
import { emergencyRoutes } from "./emergency-routes.ts";
import { shutdownRoutes } from "./shutdown-routes.ts";
import { feedRoutes } from "./feed-routes.ts";
import { docsProposalRoutes } from "./docs-proposal-routes.ts";
import { docsRoutes } from "./docs-routes.ts";
import { groupsRoutes } from "./groups-routes.ts";
import { attentionItems } from "./attention.ts";
import { inquiryRoutes } from "./inquiry-routes.ts";
import { networkRoutes } from "./network-routes.ts";
import { networksRoutes } from "./networks-routes.ts";
import { queueRoutes } from "./queue-routes.ts";
import { csrf, errorPage, requireOperator, type PanelEnv } from "./guard.ts";
import { createFlashStore } from "./flash.ts";
import { IMAGE_FORM_MAX_BYTES, imageRoutes } from "./image-routes.ts";
import { profileRoutes } from "./profile-routes.ts";
import { resetRoutes } from "./reset-routes.ts";

export function panelRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  // Compressed: the profile editor of a provider with many services is large before compression.
  const formLimit = bodyLimit({ maxSize: 512 * 1024, onError: (c) => errorPage(c, 413, "panel.error.tooLarge") });
  const imageFormLimit = bodyLimit({
    maxSize: IMAGE_FORM_MAX_BYTES,
    onError: (c) => errorPage(c, 413, "panel.images.formTooLarge"),
  });
  app.use(
    "*",
    compress(),
    (c, next) => (c.req.path.startsWith("/admin/profile/images/") ? imageFormLimit : formLimit)(c, next),
    csrf(services),
  );
  app.route("/", authRoutes(deps));
  app.route("/reset", resetRoutes(deps));
  app.route("/profile/images", imageRoutes(deps));
  app.route("/profile", profileRoutes(deps));
  app.route("/announcements", announcementRoutes(deps));
  app.route("/audience", audienceRoutes(deps));
  app.route("/network", networkRoutes(deps));
  app.route("/networks", networksRoutes(deps));
  app.route("/feed", feedRoutes(deps));
  app.route("/docs/proposals", docsProposalRoutes(deps));
  app.route("/docs", docsRoutes(deps));
  app.route("/groups", groupsRoutes(deps));
  app.route("/inquiries", inquiryRoutes(deps));
  app.route("/queue", queueRoutes(deps));
  app.route("/aid", aidRoutes(deps));
  app.route("/emergencies", emergencyRoutes(deps));
  app.route("/shutdown", shutdownRoutes(deps));
  const flash = createFlashStore();
  app.route("/operators", operatorRoutes(deps, flash));
  app.route("/tokens", tokenRoutes(deps, flash));
  app.route("/account", accountRoutes(deps));

  app.get("/", requireOperator(services), async (c) => {
    const t = c.get("t");
    const record = await findProvider(db);
    const [followers, announcements] = await Promise.all([countFollowers(db), countAnnouncements(db)]);
    const today = new Date().toISOString().slice(0, 10);
    const lapsed = record ? lapsedEvidence(record.profile, today) : [];
    const attention = await attentionItems({
      services,
      networks: deps.networks,
      operator: c.get("operator"),
      t,
      today,
    });
    const done = c.req.query("done") === "joined" ? t("panel.done.joined") : undefined;
    const acct = record ? `@${record.handle}@${new URL(services.config.origin).host}` : "";
    const body = html`<h1>${record?.name ?? t("panel.title")}</h1>${notice(done)}
${record ? html`<p>${acct} · <a href="/">${t("panel.overview.publicPage")}</a></p>` : ""}
<section class="attention" aria-labelledby="attention-title"><h2 id="attention-title">${t("panel.attention.title")}</h2>
${attention.length ? html`<ul>${attention.map((a) => html`<li data-attention="${a.key}"><a href="${a.href}">${a.text}</a></li>`)}</ul>` : html`<p>${t("panel.attention.none")}</p>`}</section>
${lapsed.length ? html`<div class="warn-box" role="alert"><h2>${t("panel.overview.lapsed", { count: lapsed.length })}</h2><ul>${lapsed.map((e) => html`<li>${labelled(c.get("locale"), e.claim, t("evidence.lapsed", { date: formatDate(c.get("locale"), e.reconfirmBy) }))}</li>`)}</ul><p><a href="/admin/profile#f-evidence-0-claim">${t("panel.overview.fixEvidence")}</a></p></div>` : ""}
<ul class="stats"><li><a href="/admin/audience">${t("panel.audience.followers", { count: followers })}</a></li><li><a href="/admin/announcements">${t("panel.overview.announcements", { count: announcements })}</a></li></ul>
<p><a href="/admin/profile">${t("panel.overview.editProfile")}</a> · <a href="/admin/profile/images">${t("panel.overview.images")}</a> · <a href="/admin/announcements">${t("panel.overview.postAnnouncement")}</a></p>`;
    return c.html(
      panelPage(
        { locale: c.get("locale"), t, path: "/admin", csrf: c.get("csrf"), operator: c.get("operator") },
        t("panel.nav.overview"),
        body,
      ),
    );
  });
  return app;
}

/** GET /lang?to=fr&back=/path: remembers the choice for a year and goes back (local paths only). */
export function languageRoute() {
  const app = new Hono<{ Variables: LocaleVariables }>();
  app.get("/lang", (c) => {
    const to = c.req.query("to") ?? "";
    const back = c.req.query("back") ?? "/";
    if (supportedLocales.includes(to))
      setCookie(c, LOCALE_COOKIE, to, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 3600 });
    return c.redirect(/^\/(?![/\\])[\w\-/@.]*(\?[\w\-=&%.]*)?$/.test(back) ? back : "/", 303);
  });
  return app;
}
