// Proposed changes under /admin/docs/proposals: those offered to this instance's documents (read the
// diff, accept or reject) and those this instance sent, with their outcome. The domain decides
// (src/domain/docs/changes.ts), as for the API.
import { Hono } from "hono";
import { decideChange, proposalsHeld, proposeChange } from "../../domain/docs/changes.ts";
import { diffLines } from "../../domain/docs/diff.ts";
import { type DocumentView, getDocument } from "../../domain/docs/docs.ts";
import { findProposal, type ProposalRow } from "../../domain/docs/docs.repository.ts";
import { findRevision } from "../../domain/docs/revisions.ts";
import type { WebDeps } from "../deps.ts";
import { docsWriter } from "../docs-writer.ts";
import { failureStatus, failureText, htmlFailure } from "../errors.ts";
import {
  proposalsView,
  proposalView,
  proposeForm,
  type ProposalItem,
  type ProposeValues,
} from "../views/panel/docs-diff-views.ts";
import type { Errors } from "../views/panel/forms.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { DOC_KEY, formFailure } from "./form-failure.ts";
import { field, formOf, pageContext, requireOperator, type PanelContext, type PanelEnv } from "./guard.ts";

const doneMessages = new Set(["accepted", "rejected", "proposed"]);

export function docsProposalRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const db = deps.services.database.db;
  const { writer } = docsWriter(deps);
  app.use("*", requireOperator(deps.services));

  /** A proposal with its document's title and key here (the document may be gone: its URI then). */
  async function itemOf(row: ProposalRow): Promise<ProposalItem & { view: Awaited<ReturnType<typeof getDocument>> }> {
    const view = await getDocument(db, row.document);
    return view.ok
      ? { row, title: view.value.head.content.title, docKey: view.value.document.key, view }
      : { row, title: row.document, docKey: undefined, view };
  }

  app.get("/", async (c) => {
    const t = c.get("t");
    const self = await writer();
    const items = await Promise.all((await proposalsHeld(db)).map(itemOf));
    const sent = items.filter((i) => i.row.proposer === self?.actor);
    const incoming = items.filter((i) => i.row.proposer !== self?.actor);
    const done = c.req.query("done");
    const body = proposalsView({
      t,
      locale: c.get("locale"),
      incoming,
      sent,
      done: done && doneMessages.has(done) ? t(`panel.docs.proposals.done.${done}`) : undefined,
    });
    return c.html(panelPage(pageContext(c, "/admin/docs"), t("panel.docs.proposals.title"), body));
  });

  /** The document a change is proposed to (`?doc=` its key here), with its history. */
  async function target(c: PanelContext): Promise<DocumentView | undefined> {
    const key = c.req.query("doc") ?? "";
    const view = DOC_KEY.test(key) ? await getDocument(db, key) : undefined;
    return view?.ok && view.value.document.key === key ? view.value : undefined;
  }

  function proposePage(
    c: PanelContext,
    view: DocumentView,
    values: ProposeValues,
    errors: Errors,
    status: 200 | 422 = 200,
  ) {
    const t = c.get("t");
    const base = findRevision(view.history, values.base) ?? view.head;
    const diff =
      c.req.method === "POST" && !Object.keys(errors).length ? diffLines(base.content.body, values.body) : undefined;
    const title = view.head.content.title;
    const body = proposeForm({ t, csrf: c.get("csrf"), docKey: view.document.key, title, values, errors, diff });
    return c.html(
      panelPage(pageContext(c, "/admin/docs"), t("panel.docs.proposals.proposeTitle", { title }), body),
      status,
    );
  }

  app.get("/new", async (c) => {
    const view = await target(c);
    if (!view) return c.notFound();
    return proposePage(c, view, { body: view.head.content.body, message: "", base: view.head.digest }, {});
  });

  app.post("/new", async (c) => {
    const view = await target(c);
    if (!view) return c.notFound();
    const form = await formOf(c);
    const values = { body: field(form, "body"), message: field(form, "message"), base: field(form, "base") };
    const self = await writer();
    if (!self) return htmlFailure(c, { code: "not_found", reason: "provider.notSetUp" });
    if (field(form, "_action") === "preview") return proposePage(c, view, values, {});
    const result = await proposeChange(db, self, { doc: view.document.id, ...values });
    if (!result.ok) {
      const fallback = result.error.reason === "docs.proposal_no_change" ? "body" : "_form";
      return proposePage(c, view, values, formFailure(c.get("t"), result.error, fallback), 422);
    }
    return c.redirect("/admin/docs/proposals?done=proposed", 303);
  });

  async function proposalPage(
    c: PanelContext,
    row: ProposalRow,
    error?: { text: string; status: 409 | 422 | 403 | 404; reason: string },
  ) {
    const t = c.get("t");
    const item = await itemOf(row);
    const base = item.view.ok ? findRevision(item.view.value.history, row.base) : undefined;
    const decides = item.view.ok && item.view.value.document.local && row.state === "open";
    const body = proposalView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      item,
      diff: base ? diffLines(base.content.body, row.body) : undefined,
      decides,
      error: error?.text,
      reason: error?.reason,
    });
    return c.html(
      panelPage(pageContext(c, "/admin/docs"), t("panel.docs.proposals.one", { title: item.title }), body),
      error?.status ?? 200,
    );
  }

  app.get("/:key", async (c) => {
    const key = c.req.param("key");
    const row = DOC_KEY.test(key) ? await findProposal(db, key) : undefined;
    if (!row || row.key !== key) return c.notFound();
    return proposalPage(c, row);
  });

  app.post("/:key/decide", async (c) => {
    const key = c.req.param("key");
    const row = DOC_KEY.test(key) ? await findProposal(db, key) : undefined;
    if (!row || row.key !== key) return c.notFound();
    const form = await formOf(c);
    const decision = field(form, "decision");
    const reason = field(form, "reason").trim();
    const t = c.get("t");
    if (decision !== "accept" && decision !== "reject")
      return proposalPage(c, row, { text: t("panel.docs.proposals.chooseDecision"), status: 422, reason });
    const self = await writer();
    if (!self) return htmlFailure(c, { code: "not_found", reason: "provider.notSetUp" });
    const result = await decideChange(db, self, key, decision === "accept", reason ? { reason } : {});
    if (!result.ok) {
      const status = result.error.fields ? 422 : (failureStatus[result.error.code] as 409 | 403 | 404);
      return proposalPage(c, (await findProposal(db, key)) ?? row, {
        text: failureText(t, result.error),
        status,
        reason,
      });
    }
    return c.redirect(`/admin/docs/proposals?done=${decision === "accept" ? "accepted" : "rejected"}`, 303);
  });

  return app;
}
