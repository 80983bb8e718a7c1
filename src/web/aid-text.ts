// Readable mutual-aid notes both the API and the panel show, in the reader's language.
import type { Translate } from "../i18n/i18n.ts";

/** The warning that both parties of an agreement share an upstream ("datacenter, autonomous system (ASN)"). */
export function sharedUpstreamWarning(t: Translate, shared: readonly string[]): string {
  return t("aid.sharedUpstream.warning", { shared: shared.map((s) => t(`aid.sharedUpstream.${s}`)).join(", ") });
}
