// A real instance with an API token, and a small client for its operator API over real HTTP.
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { startInstance, type StartOptions, type TestInstance } from "../helpers/instance.ts";

// biome-ignore lint/suspicious/noExplicitAny: a JSON body that each test reads in the shape it expects
export type ApiResponse = { status: number; headers: Headers; body: any };

export type ApiClient = {
  instance: TestInstance;
  token: string;
  /** Sends JSON (or a raw body with the headers given) with the token, unless headers override it. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
};

export async function startApi(options: StartOptions = {}): Promise<ApiClient> {
  const instance = await startInstance({ queue: false, ...options });
  const created = await createToken(instance.services.database.db, "tests");
  if (!created.ok) throw new Error("token creation failed");
  const token = created.value.token;
  return {
    instance,
    token,
    call: (method, path, body, headers) => callApi(instance.origin, token, method, path, body, headers),
  };
}

export async function callApi(
  origin: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const raw = typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream;
  const res = await fetch(new URL(path, origin), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !raw ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: raw ? (body as BodyInit) : JSON.stringify(body) }),
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
