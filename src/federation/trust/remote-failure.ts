// An activity is handled while its sender waits (ADR 0006). When handling it needs a document the
// sender pointed at (the object of a cross-origin Update, which is fetched again from its own
// origin) and that fetch fails, the sender's input is at fault, not the instance: Fedify would
// answer 500. The inbox error handler notes the failure against the request, and the inbox
// middleware answers it as a 4xx that says which document could not be fetched.
import { FetchError } from "@fedify/vocab-runtime";

const failures = new WeakMap<Request, FetchError>();

export function noteInboxFailure(request: Request, error: unknown): void {
  if (error instanceof FetchError) failures.set(request, error);
}

/** Why handling the request failed because of a remote document, or undefined. */
export function remoteFailureOf(request: Request): string | undefined {
  const error = failures.get(request);
  if (!error) return undefined;
  const status = error.response ? ` (HTTP ${error.response.status})` : "";
  return `The activity refers to ${error.url.href}, which could not be fetched${status}.`;
}
