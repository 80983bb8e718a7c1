// The writers' pages under /admin/docs: the documents held here, writing and editing one (with a
// server-rendered preview), its history and the diff of two revisions, and its translations. Every
// decision is the domain's (src/domain/docs/), as for the API.
import { Hono } from "hono";
import {
  addTranslation,
  createDocument,
  diffRevisions,
  getDocument,
  updateDocument,
  type DocumentView,
} from "../../domain/docs/docs.ts";
import { listDocuments } from "../../domain/docs/docs.repository.ts";
import { parseDocument } from "../../domain/docs/document.ts";
import { listJoinedGroups } from "../../domain/following/following.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import type { WebDeps } from "../deps.ts";
import { docsWriter } from "../docs-writer.ts";
import { htmlFailure } from "../errors.ts";
import { revisionDiffView } from "../views/panel/docs-diff-views.ts";
import {
  docForm,
  docListView,
  docPageView,
  translationForm,
  type DocValues,
  type TranslationValues,
} from "../views/panel/docs-views.ts";
import type { Errors } from "../views/panel/forms.ts";
import { DOC_KEY, formFailure } from "./form-failure.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import {
  errorPage,
  field,
  formOf,
  pageContext,
  requireOperator,
  type Form,
  type PanelContext,
  type PanelEnv,
} from "./guard.ts";

const doneMessages = new Set(["written", "saved", "unchanged", "translated"]);

/** The writing form as typed, and the input the domain checks (a network or group only for its audience). */
function readDoc(form: Form): { values: DocValues; input: Record<string, unknown> } {
  const values: DocValues = {
    title: field(form, "title"),
    summary: field(form, "summary"),
    body: field(form, "body"),
    tags: field(form, "tags"),
    lang: field(form, "lang").trim(),
    audience: field(form, "audience"),
    network: field(form, "network"),
    group: field(form, "group"),
    base: field(form, "base"),
  };
  const input = {
    title: values.title,
    summary: values.summary,
    body: values.body,
    lang: values.lang,
    tags: values.tags.split(/[\s,]+/).filter(Boolean),
    audience: values.audience,
    ...(values.audience === "network" && values.network ? { network: values.network } : {}),
    ...(values.audience === "group" && values.group ? { group: values.group } : {}),
  };
  return { values, input };
}

const valuesOf = (view: DocumentView): DocValues => ({
  title: view.head.content.title,
  summary: view.head.content.summary,
  body: view.head.content.body,
  tags: view.head.content.tags.join(" "),
  lang: view.head.content.lang,
  audience: view.document.audience,
  network: view.document.network ?? "",
  group: view.document.group ?? "",
  base: view.head.digest,
});

export function docsRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services, networks } = deps;
  const db = services.database.db;
  const { writer, memberOf } = docsWriter(deps);
  app.use("*", requireOperator(services));

  const page = (c: PanelContext, title: string, body: Parameters<typeof panelPage>[2], status: 200 | 422 = 200) =>
    c.html(panelPage(pageContext(c, "/admin/docs"), title, body), status);
  const notSetUp = (c: PanelContext) => htmlFailure(c, { code: "not_found", reason: "provider.notSetUp" });

  /** The audiences the writer may choose: the networks and the working groups this provider is a member of. */
  async function choices() {
    const [mine, groups] = await Promise.all([networks.list(), listJoinedGroups(db, { acceptedOnly: true })]);
    return {
      networks: mine.filter((n) => n.status === "member").map((n) => ({ value: n.id, label: n.name })),
      groups: groups.map((g) => ({ value: g.actorUri, label: g.name ?? g.handle ?? g.actorUri })),
    };
  }

  async function formPage(
    c: PanelContext,
    p: { key?: string; values: DocValues; errors: Errors; previewHtml?: string | undefined },
    status: 200 | 422 = 200,
  ) {
    const t = c.get("t");
    const heading = p.key ? t("panel.docs.editTitle") : t("panel.docs.write");
    return page(
      c,
      heading,
      docForm({
        t,
        csrf: c.get("csrf"),
        action: p.key ? `/admin/docs/${p.key}/edit` : "/admin/docs/new",
        heading,
        values: p.values,
        errors: p.errors,
        ...(await choices()),
        previewHtml: p.previewHtml,
        submitLabel: p.key ? t("panel.save") : t("panel.docs.publish"),
      }),
      status,
    );
  }

  /** Preview asked: the form again with the rendered body (sanitised) and what is wrong, nothing stored. */
  function preview(c: PanelContext, key: string | undefined, values: DocValues, input: Record<string, unknown>) {
    const checked = parseDocument(input);
    const errors = checked.ok ? {} : formFailure(c.get("t"), checked.error);
    const previewHtml = values.body.trim() ? renderMarkdown(values.body) : "";
    return formPage(c, { ...(key ? { key } : {}), values, errors, previewHtml }, checked.ok ? 200 : 422);
  }

  app.get("/", async (c) => {
    const t = c.get("t");
    const rows = await listDocuments(db);
    const done = c.req.query("done");
    return page(
      c,
      t("panel.docs.title"),
      docListView({
        t,
        locale: c.get("locale"),
        rows,
        done: done && doneMessages.has(done) ? t(`panel.docs.done.${done}`) : undefined,
      }),
    );
  });

  app.get("/new", (c) =>
    formPage(c, {
      values: {
        title: "",
        summary: "",
        body: "",
        tags: "",
        lang: c.get("locale"),
        audience: "public",
        network: "",
        group: "",
      },
      errors: {},
    }),
  );

  app.post("/new", async (c) => {
    const form = await formOf(c);
    const { values, input } = readDoc(form);
    if (field(form, "_action") === "preview") return preview(c, undefined, values, input);
    const self = await writer();
    if (!self) return notSetUp(c);
    const result = await createDocument(db, self, input, memberOf(self));
    if (!result.ok) return formPage(c, { values, errors: formFailure(c.get("t"), result.error) }, 422);
    return c.redirect(`/admin/docs/${result.value.key}?done=written`, 303);
  });

  /** The document of the path's key, or the not-found page. */
  async function load(c: PanelContext) {
    const key = c.req.param("key") ?? "";
    if (!DOC_KEY.test(key)) return undefined;
    const view = await getDocument(db, key);
    return view.ok && view.value.document.key === key ? view.value : undefined;
  }

  app.get("/:key", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    const t = c.get("t");
    const done = c.req.query("done");
    return page(
      c,
      view.head.content.title,
      docPageView({
        t,
        locale: c.get("locale"),
        view,
        done: done && doneMessages.has(done) ? t(`panel.docs.done.${done}`) : undefined,
      }),
    );
  });

  app.get("/:key/edit", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    if (!view.document.local) return htmlFailure(c, { code: "forbidden", reason: "docs.not_maintainer" });
    return formPage(c, { key: view.document.key, values: valuesOf(view), errors: {} });
  });

  app.post("/:key/edit", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    const key = view.document.key;
    const form = await formOf(c);
    const { values, input } = readDoc(form);
    if (field(form, "_action") === "preview") return preview(c, key, values, input);
    const self = await writer();
    if (!self) return notSetUp(c);
    const result = await updateDocument(
      db,
      self,
      key,
      { ...input, ...(values.base ? { base: values.base } : {}) },
      memberOf(self),
    );
    if (!result.ok) return formPage(c, { key, values, errors: formFailure(c.get("t"), result.error) }, 422);
    return c.redirect(`/admin/docs/${key}?done=${result.value.changed ? "saved" : "unchanged"}`, 303);
  });

  app.get("/:key/diff", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    const from = c.req.query("from") ?? "";
    const to = c.req.query("to") ?? "";
    if (!from || !to || from.length > 80 || to.length > 80) return errorPage(c, 400, "panel.docs.diff.choose");
    const result = await diffRevisions(db, view.document.key, from, to);
    if (!result.ok) return htmlFailure(c, result.error);
    const t = c.get("t");
    const title = view.head.content.title;
    return page(
      c,
      t("panel.docs.diff.title", { title }),
      revisionDiffView({ t, locale: c.get("locale"), docKey: view.document.key, title, ...result.value }),
    );
  });

  const translatePage = (
    c: PanelContext,
    view: DocumentView,
    values: TranslationValues,
    errors: Errors,
    status: 200 | 422 = 200,
  ) => {
    const t = c.get("t");
    return page(
      c,
      t("panel.docs.translate"),
      translationForm({
        t,
        locale: c.get("locale"),
        csrf: c.get("csrf"),
        key: view.document.key,
        original: view.head,
        values,
        errors,
      }),
      status,
    );
  };

  app.get("/:key/translate", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    const lang = c.req.query("lang") ?? "";
    const existing = view.translations.find((x) => x.lang === lang);
    const values = existing
      ? { lang: existing.lang, title: existing.title, summary: existing.summary, body: existing.body }
      : { lang: "", title: "", summary: "", body: "" };
    return translatePage(c, view, values, {});
  });

  app.post("/:key/translate", async (c) => {
    const view = await load(c);
    if (!view) return c.notFound();
    const form = await formOf(c);
    const values = {
      lang: field(form, "lang").trim(),
      title: field(form, "title"),
      summary: field(form, "summary"),
      body: field(form, "body"),
    };
    const self = await writer();
    if (!self) return notSetUp(c);
    const result = await addTranslation(db, self, view.document.key, values);
    if (!result.ok) {
      const errors = formFailure(
        c.get("t"),
        result.error,
        result.error.reason === "docs.translation_same_language" ? "lang" : "_form",
      );
      return translatePage(c, view, values, errors, 422);
    }
    return c.redirect(`/admin/docs/${view.document.key}?done=translated#translations-title`, 303);
  });

  return app;
}
