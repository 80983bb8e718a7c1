// The feed in the panel: the announcements of the providers this instance follows, newest first.
import { Hono } from "hono";
import { pageFeed } from "../../domain/following/feed.ts";
import { decodeCursor } from "../../domain/pagination.ts";
import type { WebDeps } from "../deps.ts";
import { feedView } from "../views/panel/feed-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { requireOperator, type PanelEnv, pageContext } from "./guard.ts";

const PAGE_SIZE = 20;

export function feedRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  app.use("*", requireOperator(services));

  app.get("/", async (c) => {
    const t = c.get("t");
    const before = c.req.query("before");
    // A cursor that is not ours starts again from the newest posts.
    const cursor = before ? decodeCursor(before) : undefined;
    const page = await pageFeed(services.database.db, { limit: PAGE_SIZE, ...(cursor ? { before: cursor } : {}) });
    const ctx = pageContext(c, "/admin/feed");
    return c.html(
      panelPage(ctx, t("panel.feed.title"), feedView({ t, locale: c.get("locale"), page, first: !cursor })),
    );
  });
  return app;
}
