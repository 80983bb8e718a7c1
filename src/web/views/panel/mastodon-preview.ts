// How Mastodon shows the provider: the name, the handle, the summary, the first fields and the hashtags.
import { html, raw } from "hono/html";
import type { ProviderRecord } from "../../../domain/provider/provider.repository.ts";
import { profileFields, profileHashtags, profileSummaryHtml } from "../../../federation/mappers/actor.ts";
import { languageName } from "../../../i18n/format.ts";
import type { Translate } from "../../../i18n/i18n.ts";

/** Mastodon displays four profile fields; the rest are kept in the data but not shown. */
const MASTODON_FIELDS = 4;

export function mastodonPreview(
  t: Translate,
  record: ProviderRecord,
  acct: string,
  options: { result?: boolean } = {},
) {
  const fields = profileFields(record);
  // The fields are written in the profile's first language (what Mastodon shows everyone), which may
  // not be the panel's: say so rather than switch language silently.
  const language = record.profile.languages[0] ?? "en";
  return html`<section class="mastodon-preview" aria-labelledby="mastodon-preview-title"${options.result ? html` id="result" tabindex="-1"` : ""}><h2 id="mastodon-preview-title">${t("panel.profile.mastodonPreview")}</h2>
<p class="hint">${t("panel.profile.mastodonLanguage", { language: languageName(t.locale ?? "en", language) })}</p>
<div class="card" lang="${language}"><p class="card-name"><strong>${record.name}</strong><br><small>${acct}</small></p>
<div class="card-note">${raw(profileSummaryHtml(record))}</div>
${fields.length ? html`<dl class="card-fields">${fields.slice(0, MASTODON_FIELDS).map((f) => html`<dt>${f.name}</dt><dd>${raw(f.value)}</dd>`)}</dl>` : ""}
${fields.length > MASTODON_FIELDS ? html`<p><small>${t("panel.profile.hiddenFields", { count: fields.length - MASTODON_FIELDS })}</small></p>` : ""}
<p class="card-tags">${profileHashtags(record).map((tag) => html`<span>#${tag}</span> `)}</p></div></section>`;
}
