// The profile editor: show, preview, validate (errors next to the field, nothing typed lost), save.
import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { profileSchema, providerNameSchema } from "../../domain/profile/profile.schema.ts";
import { findProvider, updateProvider } from "../../domain/provider/provider.ts";
import type { ProviderRecord } from "../../domain/provider/provider.repository.ts";
import type { WebDeps } from "../deps.ts";
import { errorText } from "../views/panel/forms.ts";
import { mastodonPreview } from "../views/panel/mastodon-preview.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { profileEditorView, statementPreview } from "../views/panel/profile-views.ts";
import { formOf, field, requireOperator, type PanelContext, type PanelEnv } from "./guard.ts";
import { formToProfile, formValues, issuesToFields, profileToForm, type FormValues } from "./profile-form.ts";

const editorSchema = z.object({ name: providerNameSchema, profile: profileSchema });
const doneMessages = new Set(["saved", "welcome"]);

export function profileRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  const host = new URL(services.config.origin).host;
  app.use("*", requireOperator(services));

  const render = (
    c: PanelContext,
    record: ProviderRecord,
    values: FormValues,
    errors: Record<string, string>,
    extra: { preview?: ReturnType<typeof html>; previewRecord?: ProviderRecord } = {},
  ) => {
    const t = c.get("t");
    const done = c.req.query("done");
    const body = html`${profileEditorView({
      t,
      csrf: c.get("csrf"),
      handle: `@${record.handle}@${host}`,
      values,
      errors,
      today: new Date().toISOString().slice(0, 10),
      done: done && doneMessages.has(done) ? t(`panel.done.${done}`) : undefined,
      preview: extra.preview,
    })}${mastodonPreview(t, extra.previewRecord ?? record, `@${record.handle}@${host}`, { result: !!extra.previewRecord })}`;
    const status = Object.keys(errors).length ? 422 : 200;
    return c.html(
      panelPage(
        { locale: c.get("locale"), t, path: "/admin/profile", csrf: c.get("csrf"), operator: c.get("operator") },
        t("panel.profile.title"),
        body,
      ),
      status,
    );
  };

  app.get("/", async (c) => {
    const record = await findProvider(db);
    if (!record) return c.redirect("/admin", 303);
    return render(c, record, profileToForm(record.name, record.profile), {});
  });

  app.post("/", async (c) => {
    const t = c.get("t");
    const record = await findProvider(db);
    if (!record) return c.redirect("/admin", 303);
    const form = await formOf(c);
    const values = formValues(form);
    const parsedForm = formToProfile(values);
    const parsed = editorSchema.safeParse({ name: parsedForm.name, profile: parsedForm.profile });
    if (!parsed.success) {
      const codes = issuesToFields(parsed.error.issues, parsedForm);
      const errors = Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, errorText(t, v.code, v.vars)]));
      return render(c, record, values, errors);
    }
    if (field(form, "_action") === "preview") {
      const previewRecord = { ...record, name: parsed.data.name, profile: parsed.data.profile };
      const statement = parsed.data.profile.values.statement;
      return render(
        c,
        record,
        values,
        {},
        { previewRecord, ...(statement ? { preview: statementPreview(t, statement) } : {}) },
      );
    }
    const result = await updateProvider(db, { name: parsed.data.name, profile: parsed.data.profile });
    if (!result.ok)
      return render(
        c,
        record,
        values,
        Object.fromEntries(
          Object.keys(result.error.fields ?? { summary: "" }).map((k) => [
            k.replace(/^profile\./, ""),
            t("panel.error.invalid"),
          ]),
        ),
      );
    services.logger.info({ operator: c.get("operator").username }, "profile updated from the panel");
    return c.redirect("/admin/profile?done=saved", 303);
  });

  return app;
}
