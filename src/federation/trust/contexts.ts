// JSON-LD contexts an incoming body may name. Fedify ships the contexts that servers use (the
// Activity Streams, security, data-integrity, schema.org ones); a body naming any other makes a
// JSON-LD processor fetch it, so an unverified request could make the instance fetch any URL (and
// a context that fails to load used to answer 500). Such a body is refused before anything else.
import { preloadedContexts } from "@fedify/vocab-runtime";

const known = new Set(Object.keys(preloadedContexts));

/** The context URLs the body names that are not preloaded (so would be fetched); empty when none. */
export function unknownContexts(json: unknown): string[] {
  const found = new Set<string>();
  const visitContext = (value: unknown): void => {
    if (typeof value === "string") {
      if (!known.has(value)) found.add(value);
    } else if (Array.isArray(value)) for (const v of value) visitContext(v);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "@import") visitContext(v);
        else if (key === "@context") visitContext(v);
        else if (v && typeof v === "object") visitContext((v as Record<string, unknown>)["@context"] ?? null);
      }
    }
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "@context") visitContext(v);
        else visit(v);
      }
    }
  };
  visit(json);
  return [...found];
}
