import type { MiddlewareHandler } from "hono";

/** Sent with every response; the fast paths, which answer before this middleware runs, add them themselves. */
export const baseSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;

/** No third-party anything: scripts, styles, fonts and images come from this origin only. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(baseSecurityHeaders)) c.header(name, value);
    if ((c.res.headers.get("content-type") ?? "").startsWith("text/html")) {
      c.header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      );
      c.header("X-Frame-Options", "DENY");
    }
  };
}
