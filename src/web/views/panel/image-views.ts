// The provider's icon and header in the panel: what is published now, and forms to replace or remove
// them. Plain multipart forms: they work without JavaScript.
import { html } from "hono/html";
import { ACCEPTED_IMAGE_TYPES, IMAGE_LIMITS, IMAGE_SIZES, imagePath } from "../../../domain/images/images.ts";
import type { Translate } from "../../../i18n/i18n.ts";
import { csrfField, errorSummary, notice } from "./forms.ts";

export function imagesView(p: {
  t: Translate;
  locale: string;
  csrf: string;
  icon: string | null;
  header: string | null;
  errors: Record<string, string>;
  done?: string | undefined;
}) {
  const { t } = p;
  const megabytes = new Intl.NumberFormat(p.locale, { maximumFractionDigits: 0 }).format(
    IMAGE_LIMITS.maxBytes / 1024 / 1024,
  );
  const slot = (name: "icon" | "header", current: string | null) => {
    const size = IMAGE_SIZES[name];
    const id = `f-${name}`;
    const error = p.errors[name];
    return html`<section class="image-slot"><h2>${t(`panel.images.${name}`)}</h2>
<p>${t(`panel.images.${name}Intro`, { width: size.width, height: size.height })}</p>
${current ? html`<p><img class="preview-${name}" src="${imagePath(current)}" alt="${t(`panel.images.${name}Current`)}" width="${name === "icon" ? 160 : 480}" height="${name === "icon" ? 160 : 160}"></p>` : html`<p>${t("panel.images.none")}</p>`}
<form method="post" action="/admin/profile/images/${name}" enctype="multipart/form-data">${csrfField(p.csrf)}
<div class="field${error ? " has-error" : ""}"><label for="${id}">${t("panel.images.file")}</label>
<small id="${id}-hint" class="hint">${t("panel.images.hint", { megabytes })}</small>
${error ? html`<p id="${id}-error" class="error">${error}</p>` : ""}
<input id="${id}" name="image" type="file" accept="${ACCEPTED_IMAGE_TYPES.join(",")}" required aria-describedby="${id}-hint${error ? ` ${id}-error` : ""}"${error ? html` aria-invalid="true"` : ""}></div>
<p><button type="submit">${t("panel.images.upload")}</button></p></form>
${current ? html`<form method="post" action="/admin/profile/images/${name}/remove">${csrfField(p.csrf)}<p><button type="submit">${t("panel.images.remove")}</button></p></form>` : ""}
</section>`;
  };
  const labels = { icon: t("panel.images.icon"), header: t("panel.images.header") };
  return html`<h1>${t("panel.images.title")}</h1>${notice(p.done)}
<p>${t("panel.images.intro")}</p>
${errorSummary(t, p.errors, labels)}
${slot("icon", p.icon)}
${slot("header", p.header)}
<p><a href="/admin/profile">${t("panel.images.back")}</a></p>`;
}
