// Requests between network members, signed with the sender's key (draft-cavage HTTP signatures, the
// scheme every ActivityPub server checks). Network documents are posted and fetched as the JSON they
// are, not through Fedify's sendActivity/lookupObject: those re-serialise an object through its
// vocabulary, and the terms of our context they do not know would be dropped (ADR 0016). Connections
// still go through the process-wide dispatcher (trust/outbound.ts), which refuses private addresses.
import { signRequest } from "@fedify/fedify";
import { readLimited } from "../../http/read-limited.ts";

export const ACTIVITY_JSON = "application/activity+json";

export type SigningKey = { readonly keyId: URL; readonly privateKey: CryptoKey };

export type SignedHttpOptions = {
  /** How long the whole exchange may take. */
  readonly timeoutMs?: number;
  /** The largest response body read. */
  readonly maxBytes?: number;
};

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 4 * 1024 * 1024 };

/** An answer that is not a 2xx, or a body that is too large or not JSON. */
export class SignedHttpError extends Error {
  readonly url: string;
  /** The HTTP status, when the peer answered. */
  readonly status: number | undefined;

  constructor(url: URL, message: string, status?: number) {
    super(`${url.href}: ${message}`);
    this.name = "SignedHttpError";
    this.url = url.href;
    this.status = status;
  }
}

/** POSTs a JSON body, signed; returns the parsed answer (undefined when the peer answers no body). */
export async function postSigned(
  inbox: URL,
  body: object,
  key: SigningKey,
  options: SignedHttpOptions = {},
): Promise<unknown> {
  const request = new Request(inbox, {
    method: "POST",
    headers: { "Content-Type": ACTIVITY_JSON, Accept: ACTIVITY_JSON },
    body: JSON.stringify(body),
  });
  return exchange(inbox, request, key, options);
}

/** GETs a JSON document with a signed request; returns it parsed. */
export async function getSigned(url: URL, key: SigningKey, options: SignedHttpOptions = {}): Promise<unknown> {
  const request = new Request(url, { method: "GET", headers: { Accept: ACTIVITY_JSON } });
  return exchange(url, request, key, options);
}

async function exchange(url: URL, request: Request, key: SigningKey, options: SignedHttpOptions): Promise<unknown> {
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new SignedHttpError(url, "not an http(s) URL");
  const { timeoutMs, maxBytes } = { ...DEFAULTS, ...options };
  const signed = await signRequest(request, key.privateKey, key.keyId);
  let response: Response;
  try {
    // No redirects: a signature is for one URL, and a redirect could lead anywhere.
    response = await fetch(signed, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new SignedHttpError(url, `no answer (${(error as Error).message})`);
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => {});
    throw new SignedHttpError(url, `answered ${response.status}`, response.status);
  }
  let bytes: Uint8Array | "too_large";
  try {
    bytes = await readLimited(response, maxBytes);
  } catch (error) {
    throw new SignedHttpError(url, `the answer was cut off (${(error as Error).message})`, response.status);
  }
  if (bytes === "too_large") throw new SignedHttpError(url, `the answer is larger than ${maxBytes} bytes`);
  if (bytes.byteLength === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new SignedHttpError(url, "the answer is not JSON", response.status);
  }
}
