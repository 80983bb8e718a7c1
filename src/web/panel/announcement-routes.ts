// Announcements from the panel: compose with preview, edit, delete, pin; and who follows and replies.
import { Hono } from "hono";
import {
  createAnnouncement,
  deleteAnnouncement,
  findLiveAnnouncement,
  listAnnouncements,
  announcementInputSchema,
  updateAnnouncement,
} from "../../domain/announcements/announcements.ts";
import { listInteractions } from "../../domain/announcements/interactions.ts";
import { countFollowers, listFollowers } from "../../domain/followers/followers.ts";
import { renderWithHashtags } from "../../domain/markdown.ts";
import { tagUrl } from "../../federation/mappers/note.ts";
import type { WebDeps } from "../deps.ts";
import { announcementsView, audienceView, composeForm, type ComposeProps } from "../views/panel/announcement-views.ts";
import { errorText } from "../views/panel/forms.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { html, raw } from "hono/html";
import { confirmPage } from "./confirm.ts";
import { field, formOf, requireOperator, uuidPattern, type PanelContext, type PanelEnv } from "./guard.ts";
import { issuesToFields } from "./profile-form.ts";

const doneMessages = new Set(["published", "updated", "deleted", "pinned"]);

export function announcementRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  const tag = (t: string) => tagUrl(services.config.origin, t).href;
  app.use("*", requireOperator(services));

  const ctx = (c: PanelContext, path: string) => ({
    locale: c.get("locale"),
    t: c.get("t"),
    path,
    csrf: c.get("csrf"),
    operator: c.get("operator"),
  });
  const listPage = async (
    c: PanelContext,
    compose: Omit<ComposeProps, "t" | "csrf" | "action" | "submitLabel">,
    status: 200 | 422 = 200,
  ) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const items = await listAnnouncements(db, { limit: 50 });
    const body = announcementsView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      items,
      done: done && doneMessages.has(done) ? t(`panel.done.${done}`) : undefined,
      compose: {
        t,
        csrf: c.get("csrf"),
        action: "/admin/announcements",
        submitLabel: t("panel.announcements.publish"),
        ...compose,
      },
    });
    return c.html(panelPage(ctx(c, "/admin/announcements"), t("panel.announcements.title"), body), status);
  };

  /** The form as typed, its validation, and the preview when asked. */
  const readForm = async (c: PanelContext) => {
    const form = await formOf(c);
    const values = {
      content: field(form, "content"),
      language: field(form, "language").trim(),
      pinned: field(form, "pinned") === "1",
    };
    const input = {
      content: values.content,
      pinned: values.pinned,
      ...(values.language ? { language: values.language } : {}),
    };
    const parsed = announcementInputSchema.safeParse(input);
    const errors = parsed.success
      ? {}
      : Object.fromEntries(
          Object.entries(
            issuesToFields(parsed.error.issues, { name: "", profile: null, serviceRows: [], evidenceRows: [] }, []),
          ).map(([k, v]) => [k, errorText(c.get("t"), v.code, v.vars)]),
        );
    const preview =
      field(form, "_action") === "preview" && parsed.success ? renderWithHashtags(values.content, tag) : undefined;
    return { values, input, errors, preview };
  };

  app.get("/", (c) => listPage(c, { values: {}, errors: {} }));

  app.post("/", async (c) => {
    const { values, input, errors, preview } = await readForm(c);
    if (Object.keys(errors).length || preview !== undefined)
      return listPage(c, { values, errors, previewHtml: preview }, Object.keys(errors).length ? 422 : 200);
    const result = await createAnnouncement(db, input, tag);
    if (!result.ok) return listPage(c, { values, errors: { content: c.get("t")("panel.error.invalid") } }, 422);
    return c.redirect("/admin/announcements?done=published", 303);
  });

  const editPage = (
    c: PanelContext,
    id: string,
    compose: Omit<ComposeProps, "t" | "csrf" | "action" | "submitLabel">,
    status: 200 | 422 = 200,
  ) => {
    const t = c.get("t");
    const body = html`<h1>${t("panel.announcements.edit")}</h1>${composeForm({ t, csrf: c.get("csrf"), action: `/admin/announcements/${id}`, submitLabel: t("panel.save"), ...compose })}`;
    return c.html(panelPage(ctx(c, c.req.path), t("panel.announcements.edit"), body), status);
  };

  app.get("/:id/edit", async (c) => {
    const row = uuidPattern.test(c.req.param("id")) ? await findLiveAnnouncement(db, c.req.param("id")) : undefined;
    if (!row) return c.notFound();
    return editPage(c, row.id, {
      values: { content: row.source, language: row.language ?? "", pinned: row.pinnedAt !== null },
      errors: {},
    });
  });

  app.post("/:id", async (c) => {
    const id = c.req.param("id");
    if (!uuidPattern.test(id) || !(await findLiveAnnouncement(db, id))) return c.notFound();
    const { values, input, errors, preview } = await readForm(c);
    if (Object.keys(errors).length || preview !== undefined)
      return editPage(c, id, { values, errors, previewHtml: preview }, Object.keys(errors).length ? 422 : 200);
    const result = await updateAnnouncement(db, id, input, tag);
    if (!result.ok) return c.notFound();
    return c.redirect("/admin/announcements?done=updated", 303);
  });

  app.post("/:id/pin", async (c) => {
    const id = c.req.param("id");
    if (!uuidPattern.test(id)) return c.notFound();
    const result = await updateAnnouncement(db, id, { pinned: field(await formOf(c), "pinned") === "1" }, tag);
    if (!result.ok) return c.notFound();
    return c.redirect("/admin/announcements?done=pinned", 303);
  });

  app.get("/:id/delete", async (c) => {
    const t = c.get("t");
    const row = uuidPattern.test(c.req.param("id")) ? await findLiveAnnouncement(db, c.req.param("id")) : undefined;
    if (!row) return c.notFound();
    const followers = await countFollowers(db);
    return confirmPage(c, {
      back: "/admin/announcements",
      title: t("panel.confirm.deleteAnnouncement.title"),
      subject: html`<blockquote class="preview">${raw(row.html)}</blockquote>`,
      consequences: [
        t("panel.confirm.deleteAnnouncement.what"),
        t("panel.confirm.deleteAnnouncement.federated", { count: followers }),
      ],
      submitLabel: t("panel.delete"),
    });
  });

  app.post("/:id/delete", async (c) => {
    const id = c.req.param("id");
    if (!uuidPattern.test(id)) return c.notFound();
    const result = await deleteAnnouncement(db, id);
    if (!result.ok) return c.notFound();
    return c.redirect("/admin/announcements?done=deleted", 303);
  });

  return app;
}

export function audienceRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const db = deps.services.database.db;
  app.use("*", requireOperator(deps.services));
  app.get("/", async (c) => {
    const t = c.get("t");
    const [followers, followerCount, interactions] = await Promise.all([
      listFollowers(db, { limit: 100 }),
      countFollowers(db),
      listInteractions(db, { limit: 50 }),
    ]);
    const body = audienceView({ t, locale: c.get("locale"), followers, followerCount, interactions });
    return c.html(
      panelPage(
        { locale: c.get("locale"), t, path: "/admin/audience", csrf: c.get("csrf"), operator: c.get("operator") },
        t("panel.audience.title"),
        body,
      ),
    );
  });
  return app;
}
