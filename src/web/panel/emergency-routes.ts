// /admin/emergencies: declaring an emergency (for this provider, or on behalf of a fellow member as the
// networks' charters allow), the list, and resolving our own. The same domain functions as the API.
import { Hono } from "hono";
import { declareEmergency, listEmergencies, resolveEmergency } from "../../domain/emergencies/emergencies.ts";
import { emergencyPorts } from "../../federation/emergencies/ports.ts";
import type { WebDeps } from "../deps.ts";
import { failureStatus, failureText } from "../errors.ts";
import { errorsOf } from "./form-values.ts";
import { emergenciesPage } from "../views/panel/emergency-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
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

const FIELDS = ["kind", "summary", "needs", "onBehalfOf"] as const;

export function emergencyRoutes(deps: WebDeps) {
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
    const body = emergenciesPage({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      emergencies: await listEmergencies(db),
      ...form,
      done: done === "declared" || done === "resolved" ? t(`panel.emergencies.done.${done}`) : undefined,
    });
    return c.html(panelPage(pageContext(c, "/admin/emergencies"), t("panel.emergencies.title"), body), status);
  };

  app.get("/", (c) => page(c));

  app.post("/", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const values = Object.fromEntries(FIELDS.map((n) => [n, field(form, n)]));
    const ports = await emergencyPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const result = await declareEmergency(
      db,
      {
        kind: values.kind,
        summary: values.summary,
        needs: values.needs,
        ...(values.onBehalfOf ? { onBehalfOf: values.onBehalfOf } : {}),
      },
      ports,
    );
    if (!result.ok) {
      const errors = errorsOf(t, result.error, "summary");
      // A refusal to speak for someone says which rule was not met, on the field.
      if (errors.onBehalfOf) errors.onBehalfOf = failureText(t, result.error);
      return page(c, { values, errors }, failureStatus[result.error.code] as 403 | 404 | 409 | 422);
    }
    services.queue.wake();
    return c.redirect("/admin/emergencies?done=declared", 303);
  });

  app.post("/:key/resolve", async (c) => {
    const key = c.req.param("key");
    if (!uuidPattern.test(key)) return errorPage(c, 404, "errors.emergency.notFound");
    const result = await resolveEmergency(db, key, new Date());
    if (!result.ok) {
      const status = failureStatus[result.error.code];
      return errorPage(c, status === 403 || status === 404 ? status : 400, `errors.${result.error.reason}`);
    }
    services.queue.wake();
    return c.redirect("/admin/emergencies?done=resolved", 303);
  });
  return app;
}
