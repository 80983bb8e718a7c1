import type { Context } from "hono";
import type { Runtime } from "../runtime.ts";

/**
 * The client's address for rate limits: the socket's, or, behind `trustedProxies` reverse proxies,
 * the entry of `X-Forwarded-For` that the outermost trusted proxy added. Each proxy appends the
 * address it was connected from, so that entry is the one counted from the right; whatever lies to its
 * left was sent by the client and could be anything.
 */
export function forwardedClientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  if (trustedProxies > 0 && forwardedFor) {
    const entries = forwardedFor
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    // Fewer entries than proxies: the request did not come through all of them; the leftmost is
    // still one a trusted proxy wrote.
    const chosen = entries[Math.max(0, entries.length - trustedProxies)];
    if (chosen) return chosen.slice(0, 100);
  }
  return socketAddress ?? "unknown";
}

export function clientAddress(c: Context, services: Runtime): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return forwardedClientAddress(
    c.req.header("x-forwarded-for"),
    incoming?.socket?.remoteAddress,
    services.config.trustProxy,
  );
}
