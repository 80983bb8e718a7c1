// The public pages: home, the provider's profile, announcements and hashtags. Server-rendered,
// no JavaScript needed.
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import {
  findAnnouncement,
  listAnnouncements,
  listPinnedAnnouncements,
} from "../../domain/announcements/announcements.ts";
import { imagePath } from "../../domain/images/images.ts";
import type { WebDeps } from "../deps.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { announcementList, profileView, setupNeededView } from "../views/profile.ts";
import { closingNotice, searchBox } from "../views/directory.ts";
import { layout } from "../views/layout.ts";

type Env = { Variables: LocaleVariables };

export function publicRoutes(deps: WebDeps) {
  const app = new Hono<Env>();
  const { database, config } = deps.services;
  const host = new URL(config.origin).host;
  const ctx = (req: Request) => deps.federation.createContext(req, deps.services);

  const renderProfile = async (c: Context<Env>) => {
    const t = c.get("t");
    const entry = await deps.localActors.provider(() => ctx(c.req.raw));
    if (!entry)
      return c.html(
        layout({ locale: c.get("locale"), path: c.req.path, t, title: t("setup.title"), body: setupNeededView(t) }),
        200,
      );
    const [pinned, recent] = await Promise.all([
      listPinnedAnnouncements(database.db),
      listAnnouncements(database.db, { limit: 20 }),
    ]);
    const announcements = [...pinned, ...recent.filter((a) => !a.pinnedAt)];
    const acct = `@${entry.record.handle}@${host}`;
    return c.html(
      layout({
        locale: c.get("locale"),
        path: c.req.path,
        t,
        title: entry.record.name,
        description: entry.record.profile.summary,
        alternate: entry.uri.href,
        // The home page also searches the whole network, from this instance's own directory.
        body: html`${c.req.path === "/" ? html`<section class="network"><h2>${t("directory.home.title")}</h2><p>${t("directory.home.intro")}</p>${searchBox(t)}<p><a href="/directory/find">${t("directory.find.link")}</a></p></section>` : ""}${closingNotice(
          t,
          {
            movedTo: entry.record.movedTo,
            closingAt: entry.record.closing?.effective ?? null,
            closingSuccessor: entry.record.closing?.successor ?? null,
          },
        )}${profileView({ record: { ...entry.record, iconUrl: entry.record.iconImage ? imagePath(entry.record.iconImage) : null, headerUrl: entry.record.headerImage ? imagePath(entry.record.headerImage) : null }, acct, t, locale: c.get("locale"), announcements, today: new Date().toISOString().slice(0, 10) })}`,
      }),
    );
  };

  app.get("/", renderProfile);
  app.get("/actors/:identifier", async (c) => {
    const entry = await deps.localActors.document(() => ctx(c.req.raw), c.req.param("identifier"));
    // A working group's page is its own (/groups/{handle}).
    if (entry?.kind === "group") return c.redirect(`/groups/${encodeURIComponent(entry.identifier)}`, 302);
    if (entry?.kind !== "provider") return c.notFound();
    return renderProfile(c);
  });
  app.get("/:at{@[a-z0-9_]+}", async (c) => c.redirect(deps.localActors.uri(c.req.param("at").slice(1)).pathname, 301));

  app.get("/announcements/:id", async (c) => {
    const t = c.get("t");
    const row = await findAnnouncement(database.db, c.req.param("id"));
    if (!row) return c.notFound();
    if (row.deletedAt)
      return c.html(
        layout({
          locale: c.get("locale"),
          path: c.req.path,
          t,
          title: t("announcement.deleted"),
          body: html`<h1>${t("announcement.deleted")}</h1>`,
        }),
        410,
      );
    return c.html(
      layout({
        locale: c.get("locale"),
        path: c.req.path,
        t,
        title: t("announcement.title"),
        alternate: new URL(`/announcements/${row.id}`, config.origin).href,
        body: html`<h1>${t("announcement.title")}</h1>${announcementList([row], t, c.get("locale"))}`,
      }),
    );
  });

  app.get("/tags/:tag", async (c) => {
    const t = c.get("t");
    const tag = c.req.param("tag").toLowerCase().slice(0, 100);
    const rows = await listAnnouncements(database.db, { limit: 40, tag });
    return c.html(
      layout({
        locale: c.get("locale"),
        path: c.req.path,
        t,
        title: `#${tag}`,
        body: html`<h1>#${tag}</h1>${rows.length ? announcementList(rows, t, c.get("locale")) : html`<p>${t("tags.none")}</p>`}`,
      }),
    );
  });

  return app;
}
