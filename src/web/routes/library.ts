// The public library: /library searches the PUBLIC documents held here (written here, or replicas of
// other instances' public documents); /library/{key} shows such a replica, kept readable even when its
// author's instance is gone. Network documents are never on these pages: the operators find them
// through the API.
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { getDocument } from "../../domain/docs/docs.ts";
import { searchLibraryFor } from "../../domain/docs/library.ts";
import type { WebDeps } from "../deps.ts";
import { failureSummary, failureText } from "../errors.ts";
import type { LocaleVariables } from "../middleware/locale.ts";
import { documentPage } from "../views/docs.ts";
import { layout } from "../views/layout.ts";
import { libraryPage } from "../views/library.ts";

type Env = { Variables: LocaleVariables };

const KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function libraryPublicRoutes({ services }: WebDeps) {
  const app = new Hono<Env>();
  const { db } = services.database;
  const page = (c: Context<Env>, title: string, body: Parameters<typeof layout>[0]["body"], status: 200 | 400 = 200) =>
    c.html(layout({ locale: c.get("locale"), t: c.get("t"), path: c.req.path, title, body }), status);

  app.get("/library", async (c) => {
    const t = c.get("t");
    const params = new URL(c.req.url).searchParams;
    const result = await searchLibraryFor(db, params, "public");
    const shown = result.ok
      ? { query: result.value.query, result: result.value.answer }
      : {
          query: { page: 1, pageSize: 20 },
          result: { total: 0, page: 1, pageSize: 20, results: [], corrected: {}, facets: { lang: {}, tag: {} } },
          error:
            result.error.code === "invalid"
              ? t("library.error", { message: failureSummary(t, result.error) })
              : failureText(t, result.error),
        };
    return page(
      c,
      t("library.title"),
      libraryPage({ t, locale: c.get("locale"), params, ...shown }),
      result.ok ? 200 : 400,
    );
  });

  app.get("/library/:key", async (c) => {
    const key = c.req.param("key");
    if (!KEY.test(key)) return c.notFound();
    const found = await getDocument(db, key);
    // Public documents only, and by this instance's key (a document's URI is its author's page).
    if (!found.ok || found.value.document.audience !== "public" || found.value.document.key !== key)
      return c.notFound();
    const view = found.value;
    if (view.document.local) return c.redirect(`/docs/${key}`, 301);
    const t = c.get("t");
    const note = view.document.gone
      ? html`<p class="warn">${t("library.gone")}</p>`
      : html`<p class="note"><a href="${view.document.id}">${t("library.original")}</a></p>`;
    const body = html`${note}${documentPage({ t, locale: c.get("locale"), view, shown: undefined, others: [] })}`;
    return page(c, view.head.content.title, body);
  });

  return app;
}
