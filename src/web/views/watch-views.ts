// The health watch on a network's pages: each member's status, the time of the newest report behind it,
// and per checked service the uptime strip of the last 30 days (an SVG drawn here: no JavaScript).
import { html, raw } from "hono/html";
import type { MemberWatch, ServiceWatch } from "../../domain/aid/watch/watch.ts";
import type { KnownProvider } from "../../domain/directory/names.ts";
import { formatDateTime } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { memberLink, windowText } from "./network-parts.ts";
import { uptimeStripSvg } from "./uptime-strip.ts";

const serviceName = (t: Translate, s: ServiceWatch) => (s.service === "health" ? t("aid.watch.health") : s.service);

export function watchSection(p: {
  t: Translate;
  locale: string;
  members: readonly MemberWatch[];
  known: ReadonlyMap<string, KnownProvider>;
  interval: string;
  reporters: number;
}) {
  const { t, locale } = p;
  const strip = (m: MemberWatch, s: ServiceWatch) =>
    raw(
      uptimeStripSvg({
        id: `${m.actor}-${s.service}`,
        title: t("aid.watch.strip", { name: p.known.get(m.actor)?.name ?? m.actor, service: serviceName(t, s) }),
        buckets: s.days,
        describe: (b) =>
          b.up === null
            ? t("aid.watch.dayUnknown", { day: b.day })
            : t("aid.watch.dayUp", { day: b.day, percent: (Math.floor(b.up * 1000) / 10).toString() }),
      }),
    );
  return html`<section aria-labelledby="watch-title"><h2 id="watch-title">${t("aid.watch.title")}</h2>
<p>${t("aid.watch.intro", { interval: windowText(locale, p.interval), k: p.reporters })}</p>
${
  p.members.length
    ? html`<ul class="members watch">${p.members.map(
        (
          m,
        ) => html`<li data-status="${m.status}">${memberLink(m.actor, p.known)} <span class="state state-${m.status}">${t(`aid.watch.status.${m.status}`)}</span>${m.verdictAt === null ? "" : html` · ${t("aid.watch.verdictAt", { date: formatDateTime(locale, new Date(m.verdictAt)) })}`}
<ul>${m.services.map((s) => html`<li>${serviceName(t, s)}: ${t(`aid.watch.status.${s.status}`)}<br>${strip(m, s)}</li>`)}</ul></li>`,
      )}</ul>`
    : html`<p>${t("aid.watch.none")}</p>`
}</section>`;
}
