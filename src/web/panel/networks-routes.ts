// Networks from the panel: the networks this instance is in, founding one, applying to one, and leaving.
// One network's page and its motions are in network-detail-routes.ts. Administrators only: membership,
// motions and ballots commit the provider (the provider votes, not each operator), and applicants'
// answers are network-only material.
import { Hono } from "hono";
import type { WebDeps } from "../deps.ts";
import { failureText, htmlFailure } from "../errors.ts";
import { foundForm, joinForm } from "../views/panel/network-form-views.ts";
import { networksListView } from "../views/panel/networks-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { confirmPage } from "./confirm.ts";
import { formOf, requireAdmin, requireOperator, type PanelContext, type PanelEnv } from "./guard.ts";
import { networkDetailRoutes } from "./network-detail-routes.ts";
import {
  answersOf,
  charterValues,
  failureErrors,
  type FoundValues,
  type JoinValues,
  readFound,
  readJoin,
} from "./network-forms.ts";
import { KEY_PATTERN } from "../../domain/networks/standing.ts";

const doneMessages = new Set(["applied", "left"]);

const panelContext = (c: PanelContext, path: string) => ({
  locale: c.get("locale"),
  t: c.get("t"),
  path,
  csrf: c.get("csrf"),
  operator: c.get("operator"),
});

export function networksRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { networks } = deps;
  app.use("*", requireOperator(deps.services), requireAdmin());

  const listPage = async (
    c: PanelContext,
    forms: {
      found?: { values: FoundValues; errors: Record<string, string> };
      join?: { values: JoinValues; errors: Record<string, string> };
    } = {},
    status: 200 | 404 | 409 | 422 = 200,
  ) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const csrf = c.get("csrf");
    const body = networksListView({
      t,
      locale: c.get("locale"),
      networks: await networks.list(),
      done: done && doneMessages.has(done) ? t(`networks.done.${done}`) : undefined,
      foundForm: foundForm({
        t,
        csrf,
        values: forms.found?.values ?? { name: "", purpose: "", charter: charterValues() },
        errors: forms.found?.errors ?? {},
      }),
      joinForm: joinForm({
        t,
        csrf,
        values: forms.join?.values ?? { via: "", network: "", answers: "" },
        errors: forms.join?.errors ?? {},
      }),
    });
    return c.html(panelPage(panelContext(c, "/admin/networks"), t("networks.panel.title"), body), status);
  };

  app.get("/", (c) => listPage(c));

  app.post("/found", async (c) => {
    const t = c.get("t");
    const { values, input, errors } = readFound(t, await formOf(c));
    if (!input) return listPage(c, { found: { values, errors } }, 422);
    const result = await networks.found({
      name: input.name,
      purpose: input.purpose,
      charter: { ...input.charter, purpose: input.purpose },
    });
    if (!result.ok) {
      const failed = failureErrors(t, result.error, "found", failureText(t, result.error));
      const { _form, ...fields } = failed;
      return listPage(c, { found: { values, errors: _form ? { name: _form, ...fields } : fields } }, 422);
    }
    return c.redirect(`/admin/networks/${result.value.key}?done=founded`, 303);
  });

  app.post("/join", async (c) => {
    const t = c.get("t");
    const values = readJoin(await formOf(c));
    const errors: Record<string, string> = {};
    if (!values.via) errors.via = t("errors.field.required");
    if (values.via.length > 2048) errors.via = t("errors.field.tooLong", { max: 2048 });
    if (values.network.length > 2048) errors.network = t("errors.field.tooLong", { max: 2048 });
    if (values.answers.length > 20_000) errors.answers = t("errors.field.tooLong", { max: 20_000 });
    if (Object.keys(errors).length) return listPage(c, { join: { values, errors } }, 422);
    // A network this instance already knows (applying again) gives its questions to key the answers by.
    const known = values.network ? await networks.get(values.network) : undefined;
    const result = await networks.join({
      via: values.via,
      answers: answersOf(values.answers, known?.charter.questions ?? []),
      ...(values.network ? { network: values.network } : {}),
    });
    if (!result.ok) {
      const fields = result.error.fields ? failureErrors(t, result.error, "found", "") : {};
      const shown = Object.keys(fields).length ? fields : { via: failureText(t, result.error) };
      return listPage(c, { join: { values, errors: shown } }, 422);
    }
    return c.redirect("/admin/networks?done=applied", 303);
  });

  app.get("/:key/leave", async (c) => {
    const t = c.get("t");
    const key = c.req.param("key");
    const network = KEY_PATTERN.test(key) ? await networks.get(key) : undefined;
    if (!network || network.key !== key) return c.notFound();
    return confirmPage(c, {
      back: `/admin/networks/${key}`,
      title: t("networks.confirm.leave.title", { name: network.name }),
      consequences: [t("networks.confirm.leave.what", { name: network.name }), t("networks.confirm.leave.back")],
      submitLabel: t("networks.panel.leave"),
    });
  });

  app.post("/:key/leave", async (c) => {
    const key = c.req.param("key");
    const network = KEY_PATTERN.test(key) ? await networks.get(key) : undefined;
    if (!network || network.key !== key) return c.notFound();
    const result = await networks.leave(key);
    if (!result.ok) return htmlFailure(c, result.error);
    return c.redirect("/admin/networks?done=left", 303);
  });

  app.route("/", networkDetailRoutes(deps));
  return app;
}
