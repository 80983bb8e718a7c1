import type { Context } from "hono";
import type { Services } from "../services.ts";

/** The client's address for rate limits: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(c: Context, services: Services): string {
  if (services.config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}
