// One network in the panel: its page (open motions with the ballot form and the live tally, opening a
// motion, members, charter, decision record), a motion's page with every ballot cast, and voting. Every
// change is a POST answered by a redirect to the page that shows its result.
import { Hono } from "hono";
import { findProviderActor } from "../../domain/actors/local-actors.ts";
import { knownProviders } from "../../domain/directory/names.ts";
import type { DecisionView, MotionView, NetworkView } from "../../domain/networks/operations.ts";
import { KEY_PATTERN } from "../../domain/networks/standing.ts";
import type { WebDeps } from "../deps.ts";
import { failureText, htmlFailure } from "../errors.ts";
import { confirmPage } from "./confirm.ts";
import { errorSummary } from "../views/panel/forms.ts";
import { ballotForm, motionForm } from "../views/panel/network-form-views.ts";
import { motionPageView, networkDetailView } from "../views/panel/networks-views.ts";
import { motionTitle } from "../views/panel/motion-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { networkWatchSection } from "../views/watch-section.ts";
import { field, formOf, pageContext, type PanelContext, type PanelEnv } from "./guard.ts";
import {
  type BallotValues,
  charterValues,
  failureErrors,
  type MotionValues,
  readBallot,
  readMotion,
} from "./network-forms.ts";

const doneMessages = new Set(["founded", "motionOpened", "voted", "forkAcknowledged"]);

/** Every actor a page names, so that the directory can give their names. */
function actorsOf(n: NetworkView, motions: readonly MotionView[], decisions: readonly DecisionView[]): string[] {
  const actors = n.members.map((m) => m.actor);
  if (n.via) actors.push(n.via);
  for (const m of motions) actors.push(m.by, ...(m.subject ? [m.subject] : []), ...m.ballots.map((b) => b.by));
  for (const d of decisions) {
    if (d.kind === "founded") actors.push(d.founder);
    else if (d.kind === "motion" && d.subject) actors.push(d.subject);
    else if (d.kind === "left" || d.kind === "suspension-ended") actors.push(d.member);
  }
  return actors;
}

export function networkDetailRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { networks, services } = deps;
  const db = services.database.db;

  /** The network of `:key`, if this instance knows it by that key. */
  const networkOf = async (key: string) => {
    if (!KEY_PATTERN.test(key)) return undefined;
    const network = await networks.get(key);
    return network?.key === key ? network : undefined;
  };
  const doneText = (c: PanelContext) => {
    const done = c.req.query("done");
    return done && doneMessages.has(done) ? c.get("t")(`networks.done.${done}`) : undefined;
  };

  const detailPage = async (
    c: PanelContext,
    network: NetworkView,
    motion: { values: MotionValues; errors: Record<string, string> } | undefined = undefined,
    status: 200 | 409 | 422 = 200,
  ) => {
    const t = c.get("t");
    const locale = c.get("locale");
    const csrf = c.get("csrf");
    const [motions, record, provider] = await Promise.all([
      networks.motions(network.key),
      networks.decisions(network.key),
      findProviderActor(db),
    ]);
    const motionList = motions.ok ? motions.value : [];
    const decisions = record.ok ? record.value.decisions : [];
    const known = await knownProviders(db, actorsOf(network, motionList, decisions));
    const self = provider ? deps.localActors.uri(provider.identifier).href : undefined;
    const subjects = network.members
      .filter((m) => m.actor !== self && (m.state === "member" || m.state === "paused" || m.state === "suspended"))
      .map((m) => ({ value: m.actor, label: known.get(m.actor)?.name ?? m.actor }));
    const action = `/admin/networks/${network.key}/motions`;
    const watch = await networkWatchSection(deps, network.key, t, locale, known);
    const body = networkDetailView({
      watch,
      t,
      locale,
      csrf: c.get("csrf"),
      network,
      motions: motionList,
      decisions,
      known,
      done: doneText(c),
      ballotForm: (m) =>
        m.canVote
          ? ballotForm({
              t,
              csrf,
              action: `${action}/${m.key}/ballot`,
              suffix: m.key,
              values: { choice: m.mine?.choice ?? "", reason: m.mine?.reason ?? "" },
              errors: {},
              back: "network",
            })
          : "",
      motionForm:
        network.status === "member"
          ? motionForm({
              t,
              csrf,
              action,
              values: motion?.values ?? {
                kind: "resolution",
                subject: "",
                text: "",
                until: "",
                charter: charterValues(network.charter),
              },
              errors: motion?.errors ?? {},
              subjects,
            })
          : "",
    });
    return c.html(panelPage(pageContext(c, "/admin/networks"), network.name, body), status);
  };

  const motionPage = async (
    c: PanelContext,
    network: NetworkView,
    motion: MotionView,
    ballot: { values: BallotValues; errors: Record<string, string> } | undefined = undefined,
    status: 200 | 409 | 422 = 200,
  ) => {
    const t = c.get("t");
    const known = await knownProviders(db, actorsOf(network, [motion], []));
    const errors = ballot?.errors ?? {};
    const body = motionPageView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      network,
      motion,
      known,
      done: doneText(c),
      errorSummary: errorSummary(t, errors, {
        choice: t("networks.ballot.legend"),
        reason: t("networks.ballot.reason"),
      }),
      ballotForm: motion.canVote
        ? ballotForm({
            t,
            csrf: c.get("csrf"),
            action: `/admin/networks/${network.key}/motions/${motion.key}/ballot`,
            values: ballot?.values ?? { choice: motion.mine?.choice ?? "", reason: motion.mine?.reason ?? "" },
            errors,
            back: "motion",
          })
        : "",
    });
    return c.html(panelPage(pageContext(c, "/admin/networks"), motionTitle(t, motion, known), body), status);
  };

  app.get("/:key", async (c) => {
    const network = await networkOf(c.req.param("key"));
    return network ? detailPage(c, network) : c.notFound();
  });

  app.post("/:key/motions", async (c) => {
    const t = c.get("t");
    const network = await networkOf(c.req.param("key"));
    if (!network) return c.notFound();
    const form = await formOf(c);
    const { values, input, errors } = readMotion(t, form);
    if (!input) return detailPage(c, network, { values, errors }, 422);
    // An expulsion cannot be undone by a later motion: say so, and act only on the confirmation.
    if (input.kind === "expulsion" && field(form, "_action") !== "confirm") {
      const subject = input.subject
        ? ((await knownProviders(db, [input.subject])).get(input.subject)?.name ?? input.subject)
        : "";
      return confirmPage(c, {
        back: `/admin/networks/${network.key}`,
        title: t("networks.confirm.expel.title", { network: network.name }),
        consequences: [t("networks.confirm.expel.what", { subject }), t("networks.confirm.expel.vote")],
        submitLabel: t("networks.form.open"),
        hidden: { kind: values.kind, subject: values.subject, text: values.text },
      });
    }
    const result = await networks.openMotion(network.key, {
      kind: input.kind,
      text: input.text,
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.until ? { until: input.until } : {}),
      ...(input.charter ? { charter: input.charter } : {}),
    });
    if (!result.ok) {
      const failed = failureErrors(t, result.error, "motion", failureText(t, result.error));
      const { _form, ...fields } = failed;
      return detailPage(c, network, { values, errors: _form ? { kind: _form, ...fields } : fields }, 422);
    }
    return c.redirect(`/admin/networks/${network.key}/motions/${result.value.key}?done=motionOpened`, 303);
  });

  app.get("/:key/motions/:motionKey", async (c) => {
    const network = await networkOf(c.req.param("key"));
    const motionKey = c.req.param("motionKey");
    if (!network || !KEY_PATTERN.test(motionKey)) return c.notFound();
    const motion = await networks.motion(network.key, motionKey);
    return motion.ok ? motionPage(c, network, motion.value) : c.notFound();
  });

  app.post("/:key/motions/:motionKey/ballot", async (c) => {
    const t = c.get("t");
    const network = await networkOf(c.req.param("key"));
    const motionKey = c.req.param("motionKey");
    if (!network || !KEY_PATTERN.test(motionKey)) return c.notFound();
    const motion = await networks.motion(network.key, motionKey);
    if (!motion.ok) return c.notFound();
    const form = await formOf(c);
    const { values, input, errors } = readBallot(t, form);
    if (!input) return motionPage(c, network, motion.value, { values, errors }, 422);
    const result = await networks.vote(network.key, motionKey, {
      choice: input.choice,
      ...(input.reason ? { reason: input.reason } : {}),
    });
    if (!result.ok) {
      const failed = failureErrors(t, result.error, "ballot", failureText(t, result.error));
      const { _form, ...fields } = failed;
      const status = result.error.code === "invalid" ? 422 : 409;
      return motionPage(
        c,
        network,
        motion.value,
        { values, errors: _form ? { choice: _form, ...fields } : fields },
        status,
      );
    }
    const back =
      field(form, "back") === "network"
        ? `/admin/networks/${network.key}?done=voted#motion-${motionKey}`
        : `/admin/networks/${network.key}/motions/${motionKey}?done=voted#tally`;
    return c.redirect(back, 303);
  });

  app.post("/:key/fork", async (c) => {
    const network = await networkOf(c.req.param("key"));
    if (!network) return c.notFound();
    const result = await networks.acknowledgeFork(network.key);
    if (!result.ok) return htmlFailure(c, result.error);
    return c.redirect(`/admin/networks/${network.key}?done=forkAcknowledged`, 303);
  });

  return app;
}
