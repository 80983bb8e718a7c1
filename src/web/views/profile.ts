import { html, raw } from "hono/html";
import type { Announcement } from "../../domain/announcements/announcements.service.ts";
import { lapsedEvidence } from "../../domain/profile/profile.schema.ts";
import type { ProviderRecord } from "../../domain/provider/provider.repository.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { formatDate, formatMoney, formatNumber, labelled } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

export function profileView(p: {
  record: ProviderRecord;
  acct: string;
  t: Translate;
  locale: string;
  announcements: Announcement[];
  today: string;
}) {
  const { record, acct, t, locale } = p;
  const { profile } = record;
  const lapsed = new Set(lapsedEvidence(profile, p.today));
  return html`<article class="profile h-card">
<h1 class="p-name">${record.name}</h1>
<p class="acct">${acct}</p>
${profile.summary ? html`<p class="p-note">${profile.summary}</p>` : ""}
${profile.website ? html`<p><a class="u-url" href="${profile.website}" rel="me nofollow noopener">${profile.website}</a></p>` : ""}
<p class="follow-hint">${t("profile.followHint", { acct })}</p>
${
  profile.values.tags.length || profile.values.statement
    ? html`<section><h2>${t("profile.values")}</h2>
<ul class="tags">${profile.values.tags.map((v) => html`<li>${t(`taxonomy.value.${v}`)}</li>`)}</ul>
${profile.values.statement ? raw(renderMarkdown(profile.values.statement)) : ""}</section>`
    : ""
}
${
  profile.services.length
    ? html`<section><h2>${t("profile.services")}</h2><ul class="services">${profile.services.map(
        (s) => html`<li><strong>${s.name ?? t(`taxonomy.service.${s.kind}`)}</strong>
${s.software ? html` · ${s.software}` : ""} · ${t(`availability.${s.availability}`)} · ${t(`price.${s.price.model}`)}${
          s.price.model === "fixed" && s.price.amount !== undefined
            ? html` ${formatMoney(locale, s.price.amount, s.price.currency ?? "EUR")}${s.price.period && s.price.period !== "once" ? html` / ${t(`period.${s.price.period}`)}` : ""}`
            : ""
        }
${s.supportLanguages.length ? html`<br><small>${labelled(locale, t("profile.supportLanguages"), s.supportLanguages.join(", "))}</small>` : ""}
${s.url ? html`<br><a href="${s.url}" rel="nofollow noopener">${s.url}</a>` : ""}</li>`,
      )}</ul></section>`
    : ""
}
${
  profile.capacity
    ? html`<section><h2>${t("profile.capacity")}</h2><dl>
${profile.capacity.storageGb !== undefined ? html`<dt>${t("capacity.storage")}</dt><dd>${formatNumber(locale, profile.capacity.storageGb)} GB</dd>` : ""}
${profile.capacity.computeVcpu !== undefined ? html`<dt>${t("capacity.compute")}</dt><dd>${formatNumber(locale, profile.capacity.computeVcpu)} vCPU</dd>` : ""}
${profile.capacity.bandwidthMbps !== undefined ? html`<dt>${t("capacity.bandwidth")}</dt><dd>${formatNumber(locale, profile.capacity.bandwidthMbps)} Mbit/s</dd>` : ""}
${profile.capacity.accounts !== undefined ? html`<dt>${t("capacity.accounts")}</dt><dd>${formatNumber(locale, profile.capacity.accounts)}</dd>` : ""}
</dl><p><small>${t("capacity.statedAt", { date: formatDate(locale, profile.capacity.statedAt) })}</small></p></section>`
    : ""
}
<section><h2>${t("profile.norms")}</h2><dl>
${profile.norms.governance ? html`<dt>${t("norms.governance")}</dt><dd>${t(`governance.${profile.norms.governance}`)}</dd>` : ""}
${profile.norms.shutdownNoticeDays !== undefined ? html`<dt>${t("norms.shutdownNotice")}</dt><dd>${t("field.days", { count: profile.norms.shutdownNoticeDays })}</dd>` : ""}
${profile.norms.emergencyAccess ? html`<dt>${t("norms.emergencyAccess")}</dt><dd>${t("norms.people", { count: profile.norms.emergencyAccess.people })}</dd>` : ""}
${profile.norms.dataPolicy.backupFrequency ? html`<dt>${t("norms.backups")}</dt><dd>${t(`backup.${profile.norms.dataPolicy.backupFrequency}`)}</dd>` : ""}
${profile.norms.dataPolicy.encryptionAtRest ? html`<dt>${t("norms.encryption")}</dt><dd>${t(`encryption.${profile.norms.dataPolicy.encryptionAtRest}`)}</dd>` : ""}
</dl>
${profile.norms.codeOfConductUrl ? html`<p><a href="${profile.norms.codeOfConductUrl}" rel="nofollow noopener">${t("norms.codeOfConduct")}</a></p>` : ""}
${profile.norms.moderationPolicy ? html`<h3>${t("norms.moderation")}</h3>${raw(renderMarkdown(profile.norms.moderationPolicy))}` : ""}
</section>
${
  profile.place.country || profile.place.region || profile.place.jurisdiction
    ? html`<section><h2>${t("profile.place")}</h2><p>${[profile.place.region, profile.place.country, profile.place.jurisdiction].filter(Boolean).join(" · ")}</p>
${profile.place.upstream.provider || profile.place.upstream.datacenter ? html`<p><small>${labelled(locale, t("place.upstream"), [profile.place.upstream.provider, profile.place.upstream.datacenter, profile.place.upstream.asn ? `AS${profile.place.upstream.asn}` : ""].filter(Boolean).join(" · "))}</small></p>` : ""}</section>`
    : ""
}
${
  profile.evidence.length
    ? html`<section><h2>${t("profile.evidence")}</h2><ul>${profile.evidence.map(
        (e) =>
          html`<li><a href="${e.url}" rel="nofollow noopener">${e.claim}</a> <small>${lapsed.has(e) ? html`<strong class="warn">${t("evidence.lapsed", { date: formatDate(locale, e.reconfirmBy) })}</strong>` : t("evidence.until", { date: formatDate(locale, e.reconfirmBy) })}</small></li>`,
      )}</ul></section>`
    : ""
}
<section><h2>${t("profile.announcements")}</h2>
${p.announcements.length ? announcementList(p.announcements, t, locale) : html`<p>${t("profile.noAnnouncements")}</p>`}
</section>
</article>`;
}

export function announcementList(items: Announcement[], t: Translate, locale: string) {
  return html`<ol class="announcements">${items.map(
    (
      a,
    ) => html`<li lang="${a.language ?? ""}">${a.pinnedAt ? html`<p class="pinned">${t("announcement.pinned")}</p>` : ""}${raw(a.html)}
<p><small><a href="/announcements/${a.id}"><time datetime="${a.publishedAt.toISOString()}">${formatDate(locale, a.publishedAt)}</time></a>${a.updatedAt ? html` · ${t("announcement.edited")}` : ""}</small></p></li>`,
  )}</ol>`;
}

export function setupNeededView(t: Translate) {
  return html`<h1>${t("setup.title")}</h1>
<p>${t("setup.intro")}</p>
<p>${t("setup.then")}</p>`;
}
