import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { html } from "hono/html";
import { negotiateLocale, supportedLocales, translator, type Translate } from "../../i18n/i18n.ts";
import { LOCALE_COOKIE } from "../middleware/locale.ts";
import { layout } from "./layout.ts";

/** The 404 page, in the visitor's language even when the locale middleware has not run. */
export function notFoundPage(c: Context) {
  const chosen = getCookie(c, LOCALE_COOKIE);
  const locale =
    (c.get("locale") as string | undefined) ??
    (chosen && supportedLocales.includes(chosen) ? chosen : negotiateLocale(c.req.header("accept-language")));
  const t = (c.get("t") as Translate | undefined) ?? translator(locale);
  return c.html(
    layout({
      locale,
      t,
      title: t("error.title"),
      body: html`<h1>${t("error.title")}</h1><p>${t("error.notFound")}</p><p><a href="/">${t("layout.brand")}</a></p>`,
    }),
    404,
  );
}
