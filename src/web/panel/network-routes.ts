// The network from the panel: the peers this instance follows and replicates (inquiries from movement
// groups have their own page, /admin/inquiries). Admins only: peers decide what the instance fetches
// and whom it follows; editors handle the profile and announcements (docs/operators.md).
import { Hono } from "hono";
import type { WebDeps } from "../deps.ts";
import { failureText } from "../errors.ts";
import { networkView } from "../views/panel/network-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { confirmPage } from "./confirm.ts";
import {
  field,
  formOf,
  requireAdmin,
  requireOperator,
  type PanelContext,
  type PanelEnv,
  pageContext,
} from "./guard.ts";

const doneMessages = new Set(["peerAdded", "peerRemoved"]);

export function networkRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const peerList = deps.peers;
  app.use("*", requireOperator(services), requireAdmin());

  const page = async (c: PanelContext, extra: { target?: string; error?: string } = {}, status: 200 | 422 = 200) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const peers = await peerList.list();
    const body = networkView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      peers,
      ...extra,
      done: done && doneMessages.has(done) ? t(`panel.network.done.${done}`) : undefined,
    });
    const ctx = pageContext(c, "/admin/network");
    return c.html(panelPage(ctx, t("panel.network.title"), body), status);
  };

  app.get("/", (c) => page(c));

  app.post("/peers", async (c) => {
    const target = field(await formOf(c), "target")
      .trim()
      .slice(0, 2048);
    if (!target) return page(c, { target, error: c.get("t")("panel.network.targetMissing") }, 422);
    const result = await peerList.add(target);
    if (!result.ok) return page(c, { target, error: failureText(c.get("t"), result.error) }, 422);
    return c.redirect("/admin/network?done=peerAdded", 303);
  });

  app.get("/peers/remove", async (c) => {
    const t = c.get("t");
    const actor = c.req.query("actor") ?? "";
    const peer = (await peerList.list()).find((p) => p.actorUri === actor);
    if (!peer) return c.notFound();
    const name = peer.name ?? peer.handle ?? peer.actorUri;
    return confirmPage(c, {
      back: "/admin/network",
      title: t("panel.confirm.removePeer.title", { name }),
      consequences: [t("panel.confirm.removePeer.what", { name })],
      submitLabel: t("panel.network.remove"),
      hidden: { actor },
    });
  });

  app.post("/peers/remove", async (c) => {
    const actor = field(await formOf(c), "actor");
    await peerList.remove(actor);
    return c.redirect("/admin/network?done=peerRemoved", 303);
  });
  return app;
}
