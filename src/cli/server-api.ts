// The command line asks the running server through its operator API, on the address the server
// recorded when it started listening (see server-record.ts), or else the one the configuration names.
import type { Config } from "../config.ts";
import { serverAddress } from "../server-record.ts";

/** The running server cannot be reached: said as a sentence, never as a stack. */
export class ServerUnreachableError extends Error {
  override name = "ServerUnreachableError";
}

/** Calls the running server's operator API on its local listener. */
export async function callApi(
  config: Config,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const address = serverAddress(config);
  const host = address.host === "0.0.0.0" || address.host === "::" ? "127.0.0.1" : address.host;
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ServerUnreachableError(
      `No server is running at ${base}; start it with npm start, or set PORT/HOST to where it listens.`,
    );
  }
  return { status: response.status, json: await response.json().catch(() => null) };
}
