// Failures at the web edge: a domain failure (a code, a reason and variables, no text) becomes a
// status and a message in the asker's language, as JSON for the API and as an HTML page elsewhere.
// Every new page or endpoint answers its failures through these (ADR 0011).
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure, FailureCode } from "../domain/validation.ts";
import { failureText, fieldTexts } from "../i18n/failures.ts";
import { negotiateLocale, supportedLocales, translator, type Translate } from "../i18n/i18n.ts";
import { LOCALE_COOKIE } from "./middleware/locale.ts";
import { layout } from "./views/layout.ts";

export { failureSummary, failureText, fieldText, fieldTexts } from "../i18n/failures.ts";

/** The status of each kind of expected failure: always a 4xx. */
export const failureStatus: Record<FailureCode, ContentfulStatusCode> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
  too_complex: 400,
};

/** The translator of an API request: its Accept-Language (the API has no language cookie). */
export const apiTranslator = (c: Context): Translate => translator(negotiateLocale(c.req.header("accept-language")));

/** The one error shape of the JSON API: { "error": { "code", "message", "fields"? } }. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

/** A domain failure as the API's error, in the request's language; `error.code` is the failure's code. */
export function apiFailure(c: Context, failure: Failure, status: ContentfulStatusCode = failureStatus[failure.code]) {
  const t = apiTranslator(c);
  return apiError(
    c,
    status,
    failure.code,
    failureText(t, failure),
    failure.fields ? fieldTexts(t, failure.fields) : undefined,
  );
}

/** The reader's language on any page, even where the locale middleware has not run (errors, 404s). */
function pageTranslator(c: Context): { locale: string; t: Translate } {
  const set = c.get("t") as Translate | undefined;
  if (set) return { locale: c.get("locale") as string, t: set };
  const chosen = getCookie(c, LOCALE_COOKIE);
  const locale =
    chosen && supportedLocales.includes(chosen) ? chosen : negotiateLocale(c.req.header("accept-language"));
  return { locale, t: translator(locale) };
}

/** An HTML page that says what went wrong, with a way back. */
export function htmlError(c: Context, status: ContentfulStatusCode, say: (t: Translate) => string) {
  const { locale, t } = pageTranslator(c);
  return c.html(
    layout({
      locale,
      t,
      title: t("error.title"),
      body: html`<h1>${t("error.title")}</h1><p role="alert">${say(t)}</p><p><a href="/">${t("layout.brand")}</a></p>`,
    }),
    status,
  );
}

/** A domain failure as an HTML page, in the reader's language. */
export const htmlFailure = (c: Context, failure: Failure, status: ContentfulStatusCode = failureStatus[failure.code]) =>
  htmlError(c, status, (t) => failureText(t, failure));

/**
 * What an unexpected error answers (the cause is logged, never shown): JSON under /api, a page
 * everywhere else; a page never answers JSON.
 */
export function unexpectedError(c: Context) {
  if (c.req.path.startsWith("/api/")) return apiError(c, 500, "internal", apiTranslator(c)("errors.internal"));
  return htmlError(c, 500, (t) => t("errors.internal"));
}
