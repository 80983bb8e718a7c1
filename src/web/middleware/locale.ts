import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { negotiateLocale, supportedLocales, translator, type Translate } from "../../i18n/i18n.ts";

export type LocaleVariables = { locale: string; t: Translate };

export const LOCALE_COOKIE = "lang";

/** Picks the language: a remembered choice first, then Accept-Language. */
export function localeMiddleware(): MiddlewareHandler<{ Variables: LocaleVariables }> {
  return async (c, next) => {
    const chosen = getCookie(c, LOCALE_COOKIE);
    const locale =
      chosen && supportedLocales.includes(chosen) ? chosen : negotiateLocale(c.req.header("accept-language"));
    c.set("locale", locale);
    c.set("t", translator(locale));
    c.header("Vary", "Accept-Language, Cookie", { append: true });
    await next();
  };
}
