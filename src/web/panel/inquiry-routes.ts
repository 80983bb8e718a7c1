// /admin/inquiries: what movement groups asked, as new, answered or archived. Admins only: inquiries
// carry people's names and email addresses (docs/operators.md).
import { Hono } from "hono";
import {
  countInquiries,
  inquiryStates,
  listInquiries,
  setInquiryState,
  type InquiryState,
} from "../../domain/directory/inquiries.ts";
import type { WebDeps } from "../deps.ts";
import { inquiriesView } from "../views/panel/inquiry-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { errorPage, field, formOf, requireAdmin, requireOperator, uuidPattern, type PanelEnv } from "./guard.ts";

const isState = (s: string | undefined): s is InquiryState => inquiryStates.includes(s as InquiryState);

export function inquiryRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  app.use("*", requireOperator(services), requireAdmin());

  app.get("/", async (c) => {
    const t = c.get("t");
    const asked = c.req.query("state");
    const state = isState(asked) ? asked : "new";
    const done = c.req.query("done");
    const [counts, inquiries] = await Promise.all([countInquiries(db), listInquiries(db, { limit: 200, state })]);
    const body = inquiriesView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      state,
      counts,
      inquiries,
      done: isState(done) ? t(`panel.inquiries.done.${done}`) : undefined,
    });
    const ctx = {
      locale: c.get("locale"),
      t,
      path: "/admin/inquiries",
      csrf: c.get("csrf"),
      operator: c.get("operator"),
    };
    return c.html(panelPage(ctx, t("panel.inquiries.title"), body));
  });

  app.post("/:id/state", async (c) => {
    const id = c.req.param("id");
    const form = await formOf(c);
    const to = field(form, "state");
    const from = field(form, "from");
    if (!uuidPattern.test(id) || !isState(to)) return errorPage(c, 400, "panel.error.invalid");
    if (!(await setInquiryState(db, id, to))) return errorPage(c, 404, "panel.inquiries.notFound");
    return c.redirect(`/admin/inquiries?state=${isState(from) ? from : "new"}&done=${to}`, 303);
  });
  return app;
}
