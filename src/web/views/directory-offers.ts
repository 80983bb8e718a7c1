// A provider's public offers and requests of mutual aid in the directory: the list on its replica
// page and the one line on its card.
import { html } from "hono/html";
import type { DirectoryOffer, OfferCounts } from "../../domain/directory/offers.ts";
import { formatDate } from "../../i18n/format.ts";
import type { Translate } from "../../i18n/i18n.ts";

function offerView(t: Translate, locale: string, o: DirectoryOffer) {
  const when = o.until
    ? t("panel.aid.between", { from: formatDate(locale, o.from), until: formatDate(locale, o.until) })
    : t("panel.aid.fromOn", { from: formatDate(locale, o.from) });
  return html`<li><strong>${t(`panel.aid.purpose.${o.purpose}`)}</strong> · ${t(`panel.aid.resource.${o.resource}`)} · ${o.quantity.value} ${o.quantity.unit} · ${when}${
    o.region ? html` · ${t("directory.offers.region", { region: o.region })}` : ""
  }</li>`;
}

/** The section of a replica page; nothing when the provider has none open. */
export function offersSection(t: Translate, locale: string, offers: readonly DirectoryOffer[]) {
  if (offers.length === 0) return "";
  return html`<section class="offers" aria-labelledby="offers-title"><h2 id="offers-title">${t("directory.offers.title")}</h2>
<ul class="offers-list">${offers.map((o) => offerView(t, locale, o))}</ul></section>`;
}

/** "2 offers of mutual aid · 1 request" on a card; nothing when there are none. */
export function offerCountsLine(t: Translate, counts: OfferCounts | undefined) {
  if (!counts || counts.offers + counts.requests === 0) return "";
  const parts = [
    ...(counts.offers ? [t("directory.card.offers", { count: counts.offers })] : []),
    ...(counts.requests ? [t("directory.card.requests", { count: counts.requests })] : []),
  ];
  return html`<p class="card-offers">${parts.join(" · ")}</p>`;
}
