// /admin/aid: mutual aid in the panel. The network's open offers and requests (filtered), publishing
// one, answering one with a proposed agreement, the agreements with the actions their state allows,
// and the balance of help per partner. Each form goes through the same domain function as the API; a
// refusal re-renders the page with what was wrong, never a 500.
import { Hono } from "hono";
import {
  actOnAgreement,
  agreements,
  listProposals,
  type OwnAction,
  proposalOf,
  publishProposal,
  respondToProposal,
  withdrawProposal,
} from "../../domain/aid/aid.ts";
import { wordsOf } from "../../domain/aid/aid.repository.ts";
import { balanceOfHelp } from "../../domain/aid/balance.ts";
import type { Failure } from "../../domain/validation.ts";
import { agreementPorts, proposalPorts } from "../../federation/aid/ports.ts";
import type { WebDeps } from "../deps.ts";
import { failureStatus, failureText, fieldTexts } from "../errors.ts";
import { errorsOf, instantOf } from "./form-values.ts";
import { agreementsPage, balancePage } from "../views/panel/aid-agreement-views.ts";
import { type AidFilter, aidPage } from "../views/panel/aid-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import {
  errorPage,
  field,
  type Form,
  formOf,
  type PanelContext,
  pageContext,
  requireAdmin,
  requireOperator,
  uuidPattern,
  type PanelEnv,
} from "./guard.ts";

/** The panel's paths for each action on an agreement. */
const ACTIONS: Record<string, OwnAction> = {
  accept: "accept",
  reject: "reject",
  cancel: "cancel",
  end: "end",
  breach: "breach",
  renew: "renew",
  "renewal-accept": "acceptRenewal",
  "renewal-decline": "declineRenewal",
};

const numberOf = (value: string) => (value.trim() === "" ? undefined : Number(value));
/** Offers and requests shown at once; older ones a page further. */
const PAGE_SIZE = 20;
const valuesOf = (form: Form, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, field(form, n)]));

const PUBLISH_FIELDS = [
  "network",
  "purpose",
  "resource",
  "quantity.value",
  "quantity.unit",
  "from",
  "until",
  "region",
  "conditions",
  "audience",
] as const;

export function aidRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services, federation, localActors } = deps;
  const db = services.database.db;
  app.use("*", requireOperator(services), requireAdmin());

  const proposalsPage = async (
    c: PanelContext,
    more: {
      publish?: { values: Record<string, string>; errors: Record<string, string> };
      respond?: { key: string; values: Record<string, string>; errors: Record<string, string> };
      refused?: string;
    } = {},
    status: 200 | 403 | 404 | 409 | 422 = 200,
  ) => {
    const t = c.get("t");
    const q = (name: keyof AidFilter) => c.req.query(name)?.trim().slice(0, 2048) || undefined;
    const filter: AidFilter = {
      q: q("q")?.slice(0, 200),
      network: q("network"),
      purpose: q("purpose"),
      resource: q("resource"),
      region: q("region"),
    };
    const held = (await deps.networks.list()).filter((n) => n.status === "member");
    const networks = held.map((n) => ({ value: n.id, label: n.name }));
    const { q: words, ...exact } = filter;
    // A page at a time, as the API gives them: `before` is the last key of the page before.
    const before = c.req.query("before");
    const rows = await listProposals(
      db,
      {
        ...(Object.fromEntries(Object.entries(exact).filter(([, v]) => v !== undefined)) as AidFilter),
        ...(words ? { words: wordsOf(words) } : {}),
      },
      new Date(),
      { limit: PAGE_SIZE + 1, ...(before && uuidPattern.test(before) ? { before } : {}) },
    );
    const proposals = rows.slice(0, PAGE_SIZE);
    const next = rows.length > PAGE_SIZE ? proposals.at(-1)?.key : undefined;
    const done = c.req.query("done");
    const body = aidPage({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      networks,
      filter,
      proposals,
      ...(next ? { next } : {}),
      first: !before,
      publish: more.publish ?? { values: {}, errors: {} },
      ...(more.respond ? { respond: more.respond } : {}),
      ...(more.refused ? { refused: more.refused } : {}),
      done:
        done === "published" || done === "proposed" || done === "withdrawn" ? t(`panel.aid.done.${done}`) : undefined,
    });
    return c.html(panelPage(pageContext(c, "/admin/aid"), t("panel.aid.title"), body), status);
  };

  app.get("/", (c) => proposalsPage(c));

  app.post("/proposals", async (c) => {
    const form = await formOf(c);
    const values = valuesOf(form, PUBLISH_FIELDS);
    const ports = await proposalPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const result = await publishProposal(
      db,
      {
        network: values.network,
        purpose: values.purpose,
        resource: values.resource,
        quantity: { value: numberOf(values["quantity.value"] ?? ""), unit: values["quantity.unit"] },
        from: values.from ? instantOf(values.from) : undefined,
        ...(values.until ? { until: instantOf(values.until) } : {}),
        ...(values.region ? { region: values.region } : {}),
        ...(values.conditions ? { conditions: values.conditions } : {}),
        audience: values.audience,
      },
      ports,
    );
    if (!result.ok)
      return proposalsPage(c, { publish: { values, errors: errorsOf(c.get("t"), result.error, "network") } }, 422);
    services.queue.wake();
    return c.redirect("/admin/aid?done=published", 303);
  });

  app.post("/proposals/:key/respond", async (c) => {
    const key = c.req.param("key");
    if (!uuidPattern.test(key)) return errorPage(c, 404, "errors.aid.proposal_not_found");
    const form = await formOf(c);
    const values = valuesOf(form, ["quantity.value", "until", "message"]);
    const ports = await agreementPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const held = await proposalOf(db, key);
    const value = numberOf(values["quantity.value"] ?? "");
    const result = await respondToProposal(
      db,
      key,
      {
        ...(value !== undefined && held ? { quantity: { value, unit: held.proposal.quantity.unit } } : {}),
        ...(values.until ? { until: instantOf(values.until) } : {}),
        ...(values.message ? { message: values.message } : {}),
      },
      ports,
    );
    if (!result.ok) {
      const errors = errorsOf(c.get("t"), result.error, "message");
      return proposalsPage(
        c,
        { respond: { key, values, errors } },
        failureStatus[result.error.code] as 403 | 404 | 409 | 422,
      );
    }
    services.queue.wake();
    return c.redirect("/admin/aid/agreements?done=proposed", 303);
  });

  app.post("/proposals/:key/withdraw", async (c) => {
    const key = c.req.param("key");
    if (!uuidPattern.test(key)) return errorPage(c, 404, "errors.aid.proposal_not_found");
    const ports = await agreementPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const result = await withdrawProposal(db, key, ports);
    if (!result.ok && result.error.code === "not_found") return errorPage(c, 404, "errors.aid.proposal_not_found");
    if (!result.ok) return proposalsPage(c, { refused: failureText(c.get("t"), result.error) }, 409);
    services.queue.wake();
    return c.redirect("/admin/aid?done=withdrawn", 303);
  });

  const listPage = async (
    c: PanelContext,
    failed?: { key: string; failure: Failure; values: Record<string, string> },
  ) => {
    const t = c.get("t");
    const ports = await agreementPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const done = c.req.query("done");
    const body = agreementsPage({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      self: ports.ownUri,
      agreements: await agreements(db),
      ...(failed
        ? {
            failed: {
              key: failed.key,
              message: failureText(t, failed.failure),
              errors: fieldTexts(t, failed.failure.fields),
              values: failed.values,
            },
          }
        : {}),
      done:
        done && /^[a-zA-Z]+$/.test(done) && Object.values(ACTIONS).includes(done as OwnAction)
          ? t(`panel.aid.done.${done}`)
          : done === "proposed"
            ? t("panel.aid.done.proposed")
            : undefined,
    });
    return c.html(
      panelPage(pageContext(c, "/admin/aid/agreements"), t("panel.aid.agreements.title"), body),
      failed ? (failureStatus[failed.failure.code] as 403 | 404 | 409 | 422) : 200,
    );
  };

  app.get("/agreements", (c) => listPage(c));

  app.post("/agreements/:key/:action{[a-z-]+}", async (c) => {
    const key = c.req.param("key");
    const action = ACTIONS[c.req.param("action")];
    if (!uuidPattern.test(key) || !action) return errorPage(c, 404, "errors.aid.agreement_not_found");
    const form = await formOf(c);
    const values = valuesOf(form, ["reason", "until"]);
    const ports = await agreementPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const input = { reason: values.reason, ...(values.until ? { until: instantOf(values.until) } : {}) };
    const result = await actOnAgreement(db, key, action, ports, input);
    if (!result.ok) {
      if (result.error.code === "not_found") return errorPage(c, 404, "errors.aid.agreement_not_found");
      return listPage(c, { key, failure: result.error, values });
    }
    services.queue.wake();
    return c.redirect(`/admin/aid/agreements?done=${action}#agreement-${key}`, 303);
  });

  app.get("/balance", async (c) => {
    const t = c.get("t");
    const ports = await agreementPorts(federation, services, localActors);
    if (!ports) return errorPage(c, 404, "errors.provider.notSetUp");
    const held = (await agreements(db)).map((row) => row.agreement);
    const body = balancePage({ t, balances: balanceOfHelp(held, ports.ownUri, Date.now()) });
    return c.html(panelPage(pageContext(c, "/admin/aid/balance"), t("panel.aid.balance.title"), body));
  });
  return app;
}
