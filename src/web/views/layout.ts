import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { catalog, supportedLocales, type Translate } from "../../i18n/i18n.ts";

export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

export type LayoutProps = {
  locale: string;
  t: Translate;
  title: string;
  body: Page;
  /** <link rel="alternate"> to the ActivityPub document of what the page shows. */
  alternate?: string;
  description?: string;
  /** The panel's navigation, shown under the header. */
  nav?: Page;
  /** The page's path, so the language switcher comes back to it. */
  path?: string;
};

export function layout({ locale, t, title, body, alternate, description, nav, path }: LayoutProps) {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${description ? html`<meta name="description" content="${description}">` : ""}
${alternate ? html`<link rel="alternate" type="application/activity+json" href="${alternate}">` : ""}
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">${t("layout.skip")}</a>
<header class="site"><a href="/" class="brand">${t("layout.brand")}</a>${nav ?? ""}</header>
<main id="main">${body}</main>
<footer class="site"><p>${t("layout.footer")}</p>${languageSwitcher(locale, t, path ?? "/")}</footer>
</body>
</html>`;
}

export { html, raw };

/** A plain GET form: works without JavaScript, remembered in a cookie by /lang. */
function languageSwitcher(locale: string, t: Translate, path: string) {
  return html`<form method="get" action="/lang" class="lang"><input type="hidden" name="back" value="${path}">
<label for="lang-select">${t("layout.language")}</label>
<select id="lang-select" name="to">${supportedLocales.map((l) => html`<option value="${l}" lang="${l}"${l === locale ? " selected" : ""}>${catalog(l)["lang.native"] ?? l}</option>`)}</select>
<button type="submit">${t("layout.switchLanguage")}</button></form>`;
}
