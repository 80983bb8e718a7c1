// The command line asks the running server through its operator API, on the address the server
// itself listens on (the same configuration).
import type { Config } from "../config.ts";

/** Calls the running server's operator API on its local listener. */
export async function callApi(
  config: Config,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const response = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${config.port}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}
