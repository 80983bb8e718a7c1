// /admin/queue: the delivery queue for administrators; dead letters can be retried or dropped.
import { Hono } from "hono";
import { dropDeadLetter, listDeadLetters, queueStatus, requeueDeadLetters } from "../../db/queue-admin.ts";
import type { WebDeps } from "../deps.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { queueView } from "../views/panel/queue-views.ts";
import { errorPage, requireAdmin, requireOperator, type PanelEnv, pageContext } from "./guard.ts";

const doneMessages = new Set(["retried", "dropped"]);
const idPattern = /^[1-9]\d{0,14}$/;

export function queueRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const { database } = services;
  app.use("*", requireOperator(services), requireAdmin());

  app.get("/", async (c) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const [status, letters] = await Promise.all([queueStatus(database), listDeadLetters(database, 100)]);
    const body = queueView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      status,
      letters,
      done: done && doneMessages.has(done) ? t(`panel.queue.done.${done}`) : undefined,
    });
    const ctx = pageContext(c, "/admin/queue");
    return c.html(panelPage(ctx, t("panel.queue.title"), body));
  });

  app.post("/dead/:id/:action{retry|drop}", async (c) => {
    const id = c.req.param("id");
    if (!idPattern.test(id)) return errorPage(c, 404, "panel.queue.notFound");
    const action = c.req.param("action");
    const done =
      action === "retry"
        ? (await requeueDeadLetters(database, Number(id))).length > 0
        : await dropDeadLetter(database, Number(id));
    if (!done) return errorPage(c, 404, "panel.queue.notFound");
    services.logger.info({ operator: c.get("operator").username, messageId: Number(id), action }, "dead letter");
    return c.redirect(`/admin/queue?done=${action === "retry" ? "retried" : "dropped"}`, 303);
  });
  return app;
}
