// /admin/shutdown: announcing that this provider closes (date, successor, note), withdrawing it, and
// answering the requests of closing providers that name this one as their successor.
import { Hono } from "hono";
import { announceShutdown, currentNotice, withdrawShutdown } from "../../domain/shutdown/shutdown.ts";
import { answerSuccession, listSuccessions } from "../../domain/shutdown/successions.ts";
import { closingAudience, shutdownPorts } from "../../federation/shutdown.ts";
import type { WebDeps } from "../deps.ts";
import type { Failure } from "../../domain/validation.ts";
import { failureStatus } from "../errors.ts";
import { errorsOf, instantOf } from "./form-values.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { shutdownPage } from "../views/panel/shutdown-views.ts";
import {
  errorPage,
  field,
  formOf,
  type PanelContext,
  type PanelEnv,
  pageContext,
  requireAdmin,
  requireOperator,
  uuidPattern,
} from "./guard.ts";

const FIELDS = ["effective", "successor", "message"] as const;

export function shutdownRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services, federation, localActors } = deps;
  const db = services.database.db;
  app.use("*", requireOperator(services), requireAdmin());

  const page = async (
    c: PanelContext,
    form: { values: Record<string, string>; errors: Record<string, string> } = { values: {}, errors: {} },
    status: 200 | 403 | 404 | 409 | 422 = 200,
  ) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const known = ["announced", "withdrawn", "accepted", "rejected"];
    const body = shutdownPage({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      notice: await currentNotice(db),
      successions: await listSuccessions(db),
      ...form,
      done: done && known.includes(done) ? t(`panel.shutdown.done.${done}`) : undefined,
    });
    return c.html(panelPage(pageContext(c, "/admin/shutdown"), t("panel.shutdown.title"), body), status);
  };
  /** A refusal shown on the page: on its fields, or else as the page's first error. */
  const refused = (c: PanelContext, values: Record<string, string>, failure: Failure) => {
    const errors = errorsOf(c.get("t"), failure, "effective");
    return page(c, { values, errors }, failureStatus[failure.code] as 403 | 404 | 409 | 422);
  };

  app.get("/", (c) => page(c));

  app.post("/", async (c) => {
    const form = await formOf(c);
    const values = Object.fromEntries(FIELDS.map((n) => [n, field(form, n)]));
    const ports = await shutdownPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const effective = instantOf(values.effective ?? "");
    const result = await announceShutdown(
      db,
      { effective, successor: values.successor, message: values.message },
      ports,
    );
    if (!result.ok) return refused(c, values, result.error);
    services.queue.wake();
    return c.redirect("/admin/shutdown?done=announced", 303);
  });

  app.post("/withdraw", async (c) => {
    const result = await withdrawShutdown(db, new Date(), await closingAudience(federation, services, localActors));
    if (!result.ok) return refused(c, {}, result.error);
    services.queue.wake();
    return c.redirect("/admin/shutdown?done=withdrawn", 303);
  });

  app.post("/successions/:key/:answer{accept|reject}", async (c) => {
    const key = c.req.param("key");
    if (!uuidPattern.test(key)) return errorPage(c, 404, "errors.succession.notFound");
    const accept = c.req.param("answer") === "accept";
    const result = await answerSuccession(db, key, accept, new Date());
    if (!result.ok) return refused(c, {}, result.error);
    services.queue.wake();
    return c.redirect(`/admin/shutdown?done=${accept ? "accepted" : "rejected"}`, 303);
  });
  return app;
}
