// /admin/profile/images: upload (multipart, no JavaScript needed) or remove the icon and header.
import { Hono } from "hono";
import { IMAGE_LIMITS, type ImageSlot, setProviderImage } from "../../domain/images/images.ts";
import { findProvider } from "../../domain/provider/provider.ts";
import type { WebDeps } from "../deps.ts";
import { imagesView } from "../views/panel/image-views.ts";
import { panelPage } from "../views/panel/panel-layout.ts";
import { requireOperator, type PanelContext, type PanelEnv } from "./guard.ts";

/** The panel's body limit for these forms: an image and the form around it. */
export const IMAGE_FORM_MAX_BYTES = IMAGE_LIMITS.maxBytes + 64 * 1024;

const doneMessages = new Set(["iconSaved", "headerSaved", "iconRemoved", "headerRemoved"]);
const slots = new Set<string>(["icon", "header"]);

export function imageRoutes(deps: WebDeps) {
  const app = new Hono<PanelEnv>();
  const { services } = deps;
  const db = services.database.db;
  app.use("*", requireOperator(services));

  const page = async (c: PanelContext, errors: Record<string, string> = {}) => {
    const t = c.get("t");
    const record = await findProvider(db);
    if (!record) return c.redirect("/admin", 303);
    const done = c.req.query("done");
    const body = imagesView({
      t,
      locale: c.get("locale"),
      csrf: c.get("csrf"),
      icon: record.iconImage ?? null,
      header: record.headerImage ?? null,
      errors,
      done: done && doneMessages.has(done) ? t(`panel.images.done.${done}`) : undefined,
    });
    const ctx = {
      locale: c.get("locale"),
      t,
      path: "/admin/profile/images",
      csrf: c.get("csrf"),
      operator: c.get("operator"),
    };
    return c.html(panelPage(ctx, t("panel.images.title"), body), Object.keys(errors).length ? 422 : 200);
  };

  app.get("/", (c) => page(c));

  app.post("/:slot", async (c) => {
    const slot = c.req.param("slot");
    if (!slots.has(slot)) return c.notFound();
    const t = c.get("t");
    const body = await c.req.parseBody();
    const file = body.image;
    if (!(file instanceof File) || file.size === 0) return page(c, { [slot]: t("panel.images.missing") });
    const result = await setProviderImage(db, slot as ImageSlot, new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) {
      const reason = result.error.reason;
      const key =
        reason === "image.tooLarge"
          ? "panel.images.tooLarge"
          : reason === "image.tooManyPixels"
            ? "panel.images.tooManyPixels"
            : result.error.code === "not_found"
              ? "panel.images.noProvider"
              : "panel.images.notImage";
      return page(c, {
        [slot]: t(key, {
          megabytes: IMAGE_LIMITS.maxBytes / 1024 / 1024,
          megapixels: IMAGE_LIMITS.maxPixels / 1_000_000,
        }),
      });
    }
    services.logger.info({ operator: c.get("operator").username, slot }, "image set from the panel");
    return c.redirect(`/admin/profile/images?done=${slot}Saved`, 303);
  });

  app.post("/:slot/remove", async (c) => {
    const slot = c.req.param("slot");
    if (!slots.has(slot)) return c.notFound();
    await setProviderImage(db, slot as ImageSlot, null);
    return c.redirect(`/admin/profile/images?done=${slot}Removed`, 303);
  });
  return app;
}
