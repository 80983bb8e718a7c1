// Networks from the panel: the networks this instance is in, founding one, applying to one, and leaving.
// One network's page and its motions are in network-detail-routes.ts. Administrators only: membership,
// motions and ballots commit the provider (the provider votes, not each operator), and applicants'
// answers are network-only material.
import { Hono } from "hono";
import type { WebDeps } from "../deps.ts";
import { failureText, htmlFailure } from "../errors.ts";
import { foundForm, type JoinTarget, joinForm } from "../views/panel/network-form-views.ts";
import { networksListedBy } from "../../federation/networks/listed.ts";
import { networksListView } from "../views/panel/networks-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { confirmPage } from "./confirm.ts";
import {
  field,
  formOf,
  pageContext,
  requireAdmin,
  requireOperator,
  type PanelContext,
  type PanelEnv,
} from "./guard.ts";
import { networkDetailRoutes } from "./network-detail-routes.ts";
import {
  charterValues,
  failureErrors,
  type FoundValues,
  type JoinValues,
  readFound,
  readJoin,
} from "./network-forms.ts";
import { KEY_PATTERN } from "../../domain/networks/standing.ts";

const doneMessages = new Set(["applied", "left"]);

export function networksRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { networks } = deps;
  app.use("*", requireOperator(deps.services), requireAdmin());

  const listPage = async (
    c: PanelContext,
    forms: {
      found?: { values: FoundValues; errors: Record<string, string> };
      join?: {
        values: JoinValues;
        errors: Record<string, string>;
        choices?: { value: string; label: string }[];
        target?: JoinTarget;
      };
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
        values: forms.join?.values ?? { via: "", network: "", answers: [] },
        errors: forms.join?.errors ?? {},
        choices: forms.join?.choices,
        target: forms.join?.target,
      }),
    });
    return c.html(panelPage(pageContext(c, "/admin/networks"), t("networks.panel.title"), body), status);
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

  // Applying: the member's public list gives the network and its questions; then the answers are sent.
  app.post("/join", async (c) => {
    const t = c.get("t");
    const form = await formOf(c);
    const values = readJoin(form);
    const again = (
      errors: Record<string, string>,
      more: { choices?: { value: string; label: string }[]; target?: JoinTarget } = {},
    ) => listPage(c, { join: { values, errors, ...more } }, 422);
    if (!values.via) return again({ via: t("errors.field.required") });
    if (values.via.length > 2048) return again({ via: t("errors.field.tooLong", { max: 2048 }) });
    const listing = await networksListedBy(deps.federation, deps.services, values.via);
    if (!listing.ok) return again({ via: failureText(t, listing.error) });
    const choices = listing.value.networks.map((n) => ({ value: n.key, label: n.name }));
    const chosen = values.network
      ? listing.value.networks.filter((n) => n.key === values.network || n.id === values.network)
      : listing.value.networks;
    if (chosen.length !== 1) {
      const reason =
        chosen.length === 0
          ? values.network
            ? "network.not_listed"
            : "network.none_listed"
          : "network.choose_network";
      return again({ network: t(`errors.${reason}`, { via: values.via, count: chosen.length }) }, { choices });
    }
    const network = chosen[0]!;
    const target = { key: network.key, name: network.name, questions: network.charter.questions };
    if (field(form, "_action") !== "apply") return listPage(c, { join: { values, errors: {}, target } });
    const answers = Object.fromEntries(target.questions.map((q, i) => [q, (values.answers[i] ?? "").trim()]));
    const missing = target.questions.flatMap((_, i) => ((values.answers[i] ?? "").trim() ? [] : [i]));
    if (missing.length)
      return again(Object.fromEntries(missing.map((i) => [`answer-${i}`, t("errors.field.required")])), { target });
    const result = await networks.join({ via: values.via, network: network.key, answers });
    if (!result.ok) {
      const question = result.error.vars?.question;
      const at = typeof question === "string" ? target.questions.indexOf(question) : -1;
      const errors =
        at >= 0 ? { [`answer-${at}`]: failureText(t, result.error) } : { via: failureText(t, result.error) };
      return again(errors, { target });
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
