import { remoteLink } from "./remote-link.ts";
import { html, raw } from "hono/html";
import type { Announcement } from "../../domain/announcements/announcements.ts";
import { lapsedEvidence } from "../../domain/profile/profile.schema.ts";
import type { ProviderRecord } from "../../domain/provider/provider.repository.ts";
import { renderMarkdown } from "../../domain/markdown.ts";
import { formatDate, formatMoney, formatNumber, labelled } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

/** A provider as a profile page shows it: this instance's own, or a replica of another instance's. */
export type ShownProvider = Pick<ProviderRecord, "name" | "profile"> & {
  /** Where the icon and header are served from (this instance's /media, or the provider's own instance). */
  iconUrl?: string | null;
  headerUrl?: string | null;
};

export function profileView(p: {
  record: ShownProvider;
  acct: string | null;
  t: Translate;
  locale: string;
  /** This instance's announcements; absent for a replica (they are on the provider's own instance). */
  announcements?: Announcement[];
  today: string;
  /** For a replica: the provider's page on its own instance. */
  remote?: { url: string };
}) {
  const { record, acct, t, locale } = p;
  const { profile } = record;
  const lapsed = new Set(lapsedEvidence(profile, p.today));
  const { dataPolicy, emergencyAccess } = profile.norms;
  return html`<article class="profile h-card">
${record.headerUrl ? html`<img class="profile-header" src="${record.headerUrl}" alt="" width="1500" height="500">` : ""}
<div class="profile-title">${record.iconUrl ? html`<img class="u-logo profile-icon" src="${record.iconUrl}" alt="${t("profile.logo", { name: record.name })}" width="96" height="96">` : ""}
<h1 class="p-name">${record.name}</h1></div>
${acct ? html`<p class="acct">${acct}</p>` : ""}
${p.remote ? html`<p class="remote-note">${t("profile.remoteNote")} ${remoteLink(p.remote.url, null, t("profile.remoteLink"))}</p>` : ""}
${profile.summary ? html`<p class="p-note">${profile.summary}</p>` : ""}
${profile.website ? html`<p><a class="u-url" href="${profile.website}" rel="me nofollow noopener">${profile.website}</a></p>` : ""}
${acct ? html`<p class="follow-hint">${t("profile.followHint", { acct })}</p>` : ""}
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
${s.price.note ? html`<br><small>${t("profile.priceNote", { note: s.price.note })}</small>` : ""}
${s.description ? html`<p class="service-description">${s.description}</p>` : ""}
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
${emergencyAccess ? html`<dt>${t("norms.emergencyAccess")}</dt><dd>${t("norms.people", { count: emergencyAccess.people })}${emergencyAccess.description ? html`<br>${emergencyAccess.description}` : ""}</dd>` : ""}
${dataPolicy.backupFrequency ? html`<dt>${t("norms.backups")}</dt><dd>${t(`backup.${dataPolicy.backupFrequency}`)}</dd>` : ""}
${dataPolicy.backupRetentionDays !== undefined ? html`<dt>${t("norms.backupRetention")}</dt><dd>${t("field.days", { count: dataPolicy.backupRetentionDays })}</dd>` : ""}
${profile.norms.dataPolicy.encryptionAtRest ? html`<dt>${t("norms.encryption")}</dt><dd>${t(`encryption.${profile.norms.dataPolicy.encryptionAtRest}`)}</dd>` : ""}
${profile.norms.funding.length ? html`<dt>${t("norms.funding")}</dt><dd>${profile.norms.funding.map((f) => t(`panel.funding.${f}`)).join(", ")}</dd>` : ""}
</dl>
${dataPolicy.policyUrl ? html`<p><a href="${dataPolicy.policyUrl}" rel="nofollow noopener">${t("norms.dataPolicy")}</a></p>` : ""}
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
${
  p.announcements
    ? html`<section><h2>${t("profile.announcements")}</h2>
${p.announcements.length ? announcementList(p.announcements, t, locale) : html`<p>${t("profile.noAnnouncements")}</p>`}
</section>`
    : ""
}
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
